package io.hectiqlab.cli;

import io.hectiqlab.internal.Printable;
import io.hectiqlab.lab.LabAdmin;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hectiqlab admin}: the lab's users, API keys, projects and members (admin key needed). */
@Command(
    name = "admin",
    mixinStandardHelpOptions = true,
    description =
        "Administers a lab: users, their API keys, projects and members (needs an admin key).",
    subcommands = {AdminCommand.User.class, AdminCommand.Key.class, AdminCommand.Project.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  hectiqlab admin user create alice",
      "  hectiqlab admin key create --user alice",
      "  hectiqlab admin project create lab/demo --member alice",
      "  hectiqlab admin project add-member lab/demo bob"
    })
final class AdminCommand {
  static HectiqlabCommand root(CommandSpec spec) {
    return (HectiqlabCommand) spec.root().userObject();
  }

  /** {@code admin user}. */
  @Command(name = "user", mixinStandardHelpOptions = true, description = "Users.")
  static final class User {
    @Spec CommandSpec spec;

    @Command(
        name = "create",
        mixinStandardHelpOptions = true,
        description = "Creates a user.",
        footerHeading = "%nExample:%n",
        footer = "  hectiqlab admin user create alice")
    int create(
        @Parameters(paramLabel = "NAME", description = "lowercase letters, digits, '_', '.', '-'")
            String name,
        @Option(names = "--admin", description = "The user administers the lab.") boolean admin,
        @Mixin LabOptions lab) {
      LabAdmin labAdmin = lab.connect().admin();
      if (admin) {
        labAdmin.createAdmin(name);
      } else {
        labAdmin.createUser(name);
      }
      root(spec).out.println(Printable.escape("created user " + name + (admin ? " (admin)" : "")));
      return Main.Exit.OK;
    }
  }

  /** {@code admin key}. */
  @Command(name = "key", mixinStandardHelpOptions = true, description = "API keys.")
  static final class Key {
    @Spec CommandSpec spec;

    @Command(
        name = "create",
        mixinStandardHelpOptions = true,
        description = "Issues an API key for a user and prints it (the lab keeps only its hash).",
        footerHeading = "%nExample:%n",
        footer = "  hectiqlab admin key create --user alice > alice.key")
    int create(
        @Option(names = "--user", required = true, paramLabel = "NAME", description = "The user.")
            String user,
        @Mixin LabOptions lab) {
      String key = lab.connect().admin().createKey(user);
      root(spec).out.println(key);
      root(spec)
          .err
          .println(Printable.escape("created an API key for " + user + " (shown once: keep it)"));
      return Main.Exit.OK;
    }

    @Command(
        name = "revoke",
        mixinStandardHelpOptions = true,
        description = "Revokes an API key.",
        footerHeading = "%nExample:%n",
        footer = "  hectiqlab admin key revoke \"$(cat alice.key)\"")
    int revoke(
        @Parameters(paramLabel = "KEY", description = "The key.") String key,
        @Mixin LabOptions lab) {
      lab.connect().admin().revokeKey(key);
      root(spec).out.println("revoked the key (calls with it are refused within 2 s)");
      return Main.Exit.OK;
    }
  }

  /** {@code admin project}. */
  @Command(name = "project", mixinStandardHelpOptions = true, description = "Projects and members.")
  static final class Project {
    @Spec CommandSpec spec;

    @Command(
        name = "create",
        mixinStandardHelpOptions = true,
        description = "Creates a project.",
        footerHeading = "%nExample:%n",
        footer = "  hectiqlab admin project create lab/demo --member alice --member bob")
    int create(
        @Parameters(paramLabel = "OWNER/NAME", description = "The project.") String project,
        @Option(names = "--member", paramLabel = "USER", description = "A member (repeatable).")
            List<String> members,
        @Mixin LabOptions lab) {
      List<String> all = members == null ? new ArrayList<>() : members;
      lab.connect().admin().createProject(project, all);
      root(spec)
          .out
          .println(
              Printable.escape(
                  "created project "
                      + project
                      + (all.isEmpty() ? "" : " with " + String.join(", ", all))));
      return Main.Exit.OK;
    }

    @Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "Lists the projects.",
        footerHeading = "%nExample:%n",
        footer = "  hectiqlab admin project list")
    int list(@Mixin LabOptions lab) {
      lab.connect().projects().forEach(p -> root(spec).out.println(Printable.escape(p)));
      return Main.Exit.OK;
    }

    @Command(
        name = "add-member",
        mixinStandardHelpOptions = true,
        description = "Adds a member.",
        footerHeading = "%nExample:%n",
        footer = "  hectiqlab admin project add-member lab/demo carol")
    int addMember(
        @Parameters(index = "0", paramLabel = "OWNER/NAME") String project,
        @Parameters(index = "1", paramLabel = "USER") String user,
        @Mixin LabOptions lab) {
      lab.connect().admin().addMember(project, user);
      root(spec).out.println(Printable.escape("added " + user + " to " + project));
      return Main.Exit.OK;
    }

    @Command(
        name = "remove-member",
        mixinStandardHelpOptions = true,
        description = "Removes a member.",
        footerHeading = "%nExample:%n",
        footer = "  hectiqlab admin project remove-member lab/demo carol")
    int removeMember(
        @Parameters(index = "0", paramLabel = "OWNER/NAME") String project,
        @Parameters(index = "1", paramLabel = "USER") String user,
        @Mixin LabOptions lab) {
      lab.connect().admin().removeMember(project, user);
      root(spec).out.println(Printable.escape("removed " + user + " from " + project));
      return Main.Exit.OK;
    }
  }
}
