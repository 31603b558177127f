package io.hectiqlab.server;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The lab server ({@link Main}) as a separate JVM on a free loopback port, with its output. */
final class ServerProcess implements AutoCloseable {
  final Process process;
  final int port;
  final List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());

  private ServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** The command that runs the server on an SQLite file, with extra JVM options, on port 0. */
  static ProcessBuilder command(Path db, String... jvmOptions) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(List.of(jvmOptions));
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "--db",
            "sqlite:" + db,
            "--port",
            "0"));
    return new ProcessBuilder(command).redirectErrorStream(true);
  }

  /** Starts the server on an SQLite file with extra JVM options; waits until it listens. */
  static ServerProcess start(Path db, String adminKey, String... jvmOptions) throws Exception {
    ProcessBuilder pb = command(db, jvmOptions);
    pb.environment().put("HECTIQLAB_ADMIN_API_KEY", adminKey);
    Process p = pb.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    List<String> seen = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String line;
    while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
      seen.add(line);
      String prefix = "listening on http://127.0.0.1:";
      int at = line.indexOf(prefix);
      if (at >= 0) {
        int from = at + prefix.length();
        int to = from;
        while (to < line.length() && Character.isDigit(line.charAt(to))) {
          to++;
        }
        ServerProcess server = new ServerProcess(p, Integer.parseInt(line.substring(from, to)));
        server.output.addAll(seen);
        Thread drain =
            new Thread(
                () -> {
                  try {
                    for (String l; (l = out.readLine()) != null; ) {
                      server.output.add(l);
                    }
                  } catch (java.io.IOException e) {
                    // the process ended
                  }
                });
        drain.setDaemon(true);
        drain.start();
        return server;
      }
    }
    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    throw new IllegalStateException("the server did not start: " + seen);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
