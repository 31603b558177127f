package io.hectiqlab.server;

import io.javalin.http.Context;

/**
 * The pages of a project's templates: the list, a template's versions, a version's fields table
 * (the rows {@code hectiqlab help} prints, required fields marked) and the compatibility report
 * between two versions with its witnesses. Thread-safe.
 */
final class TemplatePages {
  private final Store store;
  private final Web web;
  private final TemplateRoutes registry;

  TemplatePages(Store store, Web web, TemplateRoutes registry) {
    this.store = store;
    this.web = web;
    this.registry = registry;
  }

  /** {@code GET /ui/{owner}/{project}/templates}. */
  void list(Context ctx) {
    web.project(ctx);
    throw new LabServer.ApiError(501, "written in issue16-templates");
  }

  /** {@code GET /ui/{owner}/{project}/templates/{name}}: its versions. */
  void versions(Context ctx) {
    web.project(ctx);
    throw new LabServer.ApiError(501, "written in issue16-templates");
  }

  /** {@code GET /ui/{owner}/{project}/templates/{name}/versions/{version}}: its fields. */
  void fields(Context ctx) {
    web.project(ctx);
    throw new LabServer.ApiError(501, "written in issue16-templates");
  }

  /** {@code GET /ui/{owner}/{project}/templates/{name}/compat?from=A&to=B}. */
  void compat(Context ctx) {
    web.project(ctx);
    throw new LabServer.ApiError(501, "written in issue16-templates");
  }
}
