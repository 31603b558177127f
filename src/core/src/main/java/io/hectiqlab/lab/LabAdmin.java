package io.hectiqlab.lab;

import io.hectiqlab.Config;
import java.util.List;
import java.util.Objects;

/**
 * The administration of a lab: users, their API keys, projects and their members. Obtained from
 * {@link Lab#admin()}; every call needs the key of an admin user. Immutable and thread-safe.
 *
 * <p>Calls that create something (a user, a key, a project) are never retried, so a lost answer
 * cannot create it twice; the others are retried like every lab call.
 *
 * <pre>{@code
 * LabAdmin admin = Lab.connect(url, adminKey).admin();
 * admin.createUser("alice");
 * String key = admin.createKey("alice");           // shown once: hand it to alice
 * admin.createProject("lab/demo", List.of("alice"));
 * }</pre>
 */
public final class LabAdmin {
  private final Lab lab;

  LabAdmin(Lab lab) {
    this.lab = lab;
  }

  /**
   * Creates a user who may use the projects they are a member of.
   *
   * @param name lowercase letters, digits, '_', '.', '-' (at most 64)
   * @throws LabException.InvalidRequest when the name is invalid or taken (status 409)
   */
  public void createUser(String name) {
    create(name, false);
  }

  /**
   * Creates a user who administers the lab (users, keys, projects, members; every project).
   *
   * @param name lowercase letters, digits, '_', '.', '-' (at most 64)
   * @throws LabException.InvalidRequest when the name is invalid or taken (status 409)
   */
  public void createAdmin(String name) {
    create(name, true);
  }

  private void create(String name, boolean admin) {
    Objects.requireNonNull(name, "name");
    lab.call("POST", "/admin/users", Config.of("name", name, "admin", admin).toJson(), null, 0);
  }

  /**
   * Issues a new API key for a user. The lab keeps only its hash: this is the only time it is seen.
   *
   * @param user the user
   * @return the key
   * @throws LabException.NotFound when the user does not exist
   */
  public String createKey(String user) {
    Objects.requireNonNull(user, "user");
    String path = "/admin/users/" + segment(user) + "/keys";
    String key = lab.call("POST", path, "{}", null, 0).getString("key");
    if (key == null) {
      throw new LabException.MalformedResponse(
          "POST " + path + ": the answer has no key", 200, null);
    }
    return key;
  }

  /**
   * Revokes an API key; calls with it are refused from then on (within the lab's 2 s cache).
   *
   * @param key the key
   * @throws LabException.NotFound when no active key matches
   */
  public void revokeKey(String key) {
    Objects.requireNonNull(key, "key");
    lab.call("POST", "/admin/keys/revoke", Config.of("key", key).toJson(), null);
  }

  /**
   * Creates a project with its first members.
   *
   * @param project {@code owner/name}
   * @param members users who may use it (may be empty)
   * @throws LabException.InvalidRequest when the project exists (status 409) or a member does not
   */
  public void createProject(String project, List<String> members) {
    Lab.checkProject(project);
    Config body = Config.of("project", project, "members", List.copyOf(members));
    lab.call("POST", "/admin/projects", body.toJson(), null, 0);
  }

  /**
   * Adds a member to a project (adding a member twice is not an error).
   *
   * @param project {@code owner/name}
   * @param user the user
   * @throws LabException.NotFound when the project or user does not exist
   */
  public void addMember(String project, String user) {
    Lab.checkProject(project);
    lab.call("PUT", memberPath(project, user), null, null);
  }

  /**
   * Removes a member from a project.
   *
   * @param project {@code owner/name}
   * @param user the user
   * @throws LabException.NotFound when the user is not a member
   */
  public void removeMember(String project, String user) {
    Lab.checkProject(project);
    lab.call("DELETE", memberPath(project, user), null, null);
  }

  private static String memberPath(String project, String user) {
    Objects.requireNonNull(user, "user");
    return "/admin/projects/" + project + "/members/" + segment(user);
  }

  private static String segment(String s) {
    return Lab.segment(s);
  }

  @Override
  public String toString() {
    return "LabAdmin[" + lab + "]";
  }
}
