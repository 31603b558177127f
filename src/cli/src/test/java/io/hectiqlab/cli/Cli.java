package io.hectiqlab.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the real {@code hectiqlab.jar} as a process, in a directory, with a clean environment. */
final class Cli {
  static final Path JAR = Path.of(System.getProperty("hectiqlab.jar", "target/hectiqlab.jar"));
  static final Path ROOT = Path.of(System.getProperty("hectiqlab.root", "../.."));

  /** What a finished process left. */
  record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private final Path dir;
  private final Map<String, String> env;

  Cli(Path dir, Map<String, String> env) {
    this.dir = dir;
    this.env = env;
  }

  /** Builds the process: java -jar hectiqlab.jar ARGS, HOME in the test directory, no colours. */
  ProcessBuilder builder(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:+UseSerialGC");
    // Java takes its home from the password database, not $HOME: a test never reads the real
    // ~/.hectiqlab/credentials.
    command.add("-Duser.home=" + dir);
    command.add("-jar");
    command.add(JAR.toAbsolutePath().toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("HECTIQLAB_"));
    // The layered-config tests read variables under this prefix: only those a test gives count.
    pb.environment().keySet().removeIf(k -> k.startsWith(LayerFixtures.ENV_PREFIX));
    pb.environment().put("HOME", dir.toString());
    pb.environment().putAll(env);
    return pb;
  }

  Result run(String... args) {
    return run(builder(args));
  }

  /**
   * Runs the command on a pseudo-terminal (util-linux {@code script}), where it may use colours and
   * a progress bar; standard output and error arrive merged in {@code out}.
   */
  Result runOnTerminal(String... args) {
    ProcessBuilder inner = builder(args);
    StringBuilder line = new StringBuilder();
    for (String a : inner.command()) {
      line.append('\'').append(a.replace("'", "'\\''")).append("' ");
    }
    ProcessBuilder pb = new ProcessBuilder("script", "-qec", line.toString(), "/dev/null");
    pb.directory(inner.directory());
    pb.environment().clear();
    pb.environment().putAll(inner.environment());
    pb.environment().put("TERM", "xterm");
    return run(pb);
  }

  static boolean canRunOnTerminal() {
    try {
      return new ProcessBuilder("script", "--version").start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static Result run(ProcessBuilder pb) {
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      CompletableFuture<String> out = drain(p.getInputStream());
      CompletableFuture<String> err = drain(p.getErrorStream());
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(String.join(" ", pb.command()) + " did not finish");
      }
      return new Result(p.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static CompletableFuture<String> drain(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** Reads a started lab's output until it says where it listens; returns that URL. */
  static String awaitListening(Process server) throws IOException {
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    Pattern listening = Pattern.compile("listening on (http://\\S+)");
    for (String line; (line = lines.readLine()) != null; ) {
      Matcher m = listening.matcher(line);
      if (m.find()) {
        drain(server.getInputStream());
        return m.group(1);
      }
    }
    throw new AssertionError("the lab exited before listening");
  }
}
