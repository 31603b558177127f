package io.hectiqlab.server;

/**
 * Runs the lab until the process is stopped: {@code java -cp ... io.hectiqlab.server.Main [--db
 * sqlite:PATH|postgresql://...] [--host 127.0.0.1] [--port 8080]}. The admin key comes from {@code
 * HECTIQLAB_ADMIN_API_KEY}, or is created and printed once on a new lab. Users run {@code hectiqlab
 * serve}, which does the same; this entry point serves the server module on its own (the durability
 * test starts it as a process).
 */
public final class Main {
  private Main() {}

  /**
   * Starts the lab.
   *
   * @param args the options above
   * @throws InterruptedException when interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    String db = LabServer.defaultDatabase();
    String host = "127.0.0.1";
    int port = 8080;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--db" -> db = require(args[i], value);
        case "--host" -> host = require(args[i], value);
        case "--port" -> port = Integer.parseInt(require(args[i], value));
        default -> {
          System.err.println("unknown option " + args[i] + "; use --db, --host, --port");
          System.exit(2);
        }
      }
      i++;
    }
    LabServer server;
    try {
      server =
          LabServer.start(db, host, port, System.getenv("HECTIQLAB_ADMIN_API_KEY"), System.out);
    } catch (RuntimeException e) {
      System.err.println("hectiqlab lab: " + e.getMessage());
      System.exit(1);
      return;
    }
    System.out.println(server.greeting(host));
    server.serveUntilStopped();
  }

  private static String require(String option, String value) {
    if (value == null) {
      System.err.println(option + " needs a value");
      System.exit(2);
    }
    return value;
  }
}
