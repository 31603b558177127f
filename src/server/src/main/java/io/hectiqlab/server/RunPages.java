package io.hectiqlab.server;

import io.javalin.http.Context;

/**
 * The pages of a project's runs: the runs table (filter, sort, columns, paging, compare selection),
 * one run (config tree with descriptions, metadata, versions, downloads), the structural diff of
 * two versions, and the comparison of up to {@link #MAX_COMPARED} runs. Thread-safe.
 */
final class RunPages {
  /** The most runs one comparison shows. */
  static final int MAX_COMPARED = 20;

  private final Store store;
  private final Web web;

  RunPages(Store store, Web web) {
    this.store = store;
    this.web = web;
  }

  /** {@code GET /ui/{owner}/{project}}: the runs table. */
  void table(Context ctx) {
    web.project(ctx);
    throw new LabServer.ApiError(501, "written in issue16-runs");
  }

  /** {@code GET /ui/{owner}/{project}/compare?run=..&run=..}: runs side by side. */
  void compare(Context ctx) {
    web.project(ctx);
    throw new LabServer.ApiError(501, "written in issue16-runs");
  }

  /** {@code GET /ui/{owner}/{project}/runs/{slug}}: one run. */
  void run(Context ctx) {
    web.project(ctx);
    throw new LabServer.ApiError(501, "written in issue16-runs");
  }

  /** {@code GET /ui/{owner}/{project}/runs/{slug}/diff?from=A&to=B}: two versions, by path. */
  void diff(Context ctx) {
    web.project(ctx);
    throw new LabServer.ApiError(501, "written in issue16-runs");
  }

  /** {@code GET /ui/{owner}/{project}/runs/{slug}/download?version=N&format=json|yaml}. */
  void download(Context ctx) {
    web.project(ctx);
    throw new LabServer.ApiError(501, "written in issue16-runs");
  }
}
