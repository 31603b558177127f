package io.hectiqlab.cli;

import io.hectiqlab.server.LabServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code hectiqlab serve}: the lab server, until the process is stopped. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the lab.",
      "",
      "Serves the lab (projects, runs, config history, metadata) until stopped (Ctrl-C). The admin key comes from $HECTIQLAB_ADMIN_API_KEY, or a new lab creates one and prints it once, when it listens. Listening beyond loopback needs an admin key. To regain access to a lab whose admin key is lost, start it once with $HECTIQLAB_ADMIN_API_KEY set to a new secret: that key is added to the admin user."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  hectiqlab serve",
      "  hectiqlab serve --db sqlite:lab.db --port 8080",
      "  HECTIQLAB_ADMIN_API_KEY=... hectiqlab serve \\",
      "      --db 'postgresql://db:5432/lab?user=lab' --host 0.0.0.0"
    })
final class ServeCommand implements Callable<Integer> {
  @ParentCommand HectiqlabCommand root;

  @Option(
      names = "--db",
      paramLabel = "DB",
      description =
          "The store: a SQLite file or a PostgreSQL database, written as in the examples"
              + " (default: sqlite:~/.hectiqlab/lab.db).")
  String db;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host = "127.0.0.1";

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "Port (default: ${DEFAULT-VALUE}; 0: a free one).")
  int port = 8080;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw Main.CliException.usage("--port must be 0..65535");
    }
    LabServer server;
    try {
      server =
          LabServer.start(
              db != null ? db : LabServer.defaultDatabase(),
              host,
              port,
              System.getenv("HECTIQLAB_ADMIN_API_KEY"),
              root.out);
    } catch (IllegalArgumentException e) {
      throw e; // a bad --db or --host: a usage error
    } catch (RuntimeException e) {
      // the store cannot be opened, the port is taken, no admin key for a public address
      throw new Main.CliException(
          Main.Exit.FAILURE, "cannot start the lab: " + Main.describe(e), e);
    }
    root.out.println(server.greeting(host));
    root.out.flush();
    server.serveUntilStopped();
    return Main.Exit.OK;
  }
}
