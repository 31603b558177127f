package io.hectiqlab.cli;

import io.hectiqlab.ConfigFormat;
import io.hectiqlab.internal.Documents;
import io.hectiqlab.internal.FileErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Turns FILE, DIR, GLOB and - arguments into the configs to validate. */
final class Inputs {
  private Inputs() {}

  /** The argument that means standard input. */
  static final String STDIN = "-";

  /** One config to read: a file, or standard input when {@code file} is null. */
  record Input(Path file) {
    boolean isStdin() {
      return file == null;
    }

    @Override
    public String toString() {
      return file == null ? "<stdin>" : file.toString();
    }
  }

  /**
   * Expands the arguments, in order and without repeats (paths are normalized, so {@code ./a.yaml}
   * and {@code a.yaml} are one file): {@code -} is standard input (once at most), a file is taken
   * as given, a directory contributes the files whose name tells their format ({@code .json},
   * {@code .yaml}, {@code .yml}, {@code .toml}, any case; recursively, sorted; regular files only,
   * so FIFOs and devices are skipped unopened), and a glob such as {@code configs/**.yaml} the
   * files it matches. An argument that names nothing is a usage error.
   */
  static List<Input> expand(List<String> args) {
    Set<Input> out = new LinkedHashSet<>();
    for (String arg : args) {
      if (arg.equals(STDIN)) {
        if (!out.add(new Input(null))) {
          throw Main.CliException.usage("-: standard input can be read only once");
        }
        continue;
      }
      Path p;
      try {
        p = Path.of(arg);
      } catch (InvalidPathException e) {
        p = null;
      }
      if (p != null && Files.isDirectory(p)) {
        List<Path> found = walk(p, f -> isConfig(f));
        if (found.isEmpty()) {
          throw Main.CliException.usage(
              arg + ": no " + Documents.Format.EXTENSIONS + " files in this directory");
        }
        found.forEach(f -> out.add(new Input(f.normalize())));
      } else if (p != null && Files.exists(p)) {
        out.add(new Input(p.normalize()));
      } else if (isGlob(arg)) {
        glob(arg).forEach(f -> out.add(new Input(f.normalize())));
      } else {
        throw Main.CliException.usage(
            arg + ": " + (p == null ? "not a valid file name" : problem(p)));
      }
    }
    return new ArrayList<>(out);
  }

  /**
   * The one config file of a command that takes one ({@code -} is standard input): a regular file,
   * a FIFO or a device (read with the size limit); a directory, a socket or a missing file is a
   * usage error that says which.
   */
  static Input single(String arg) {
    if (arg.equals(STDIN)) {
      return new Input(null);
    }
    Path p;
    try {
      p = Path.of(arg);
    } catch (InvalidPathException e) {
      throw Main.CliException.usage(arg + ": not a valid file name");
    }
    String problem = problem(p);
    if (problem != null) {
      throw Main.CliException.usage(arg + ": " + problem);
    }
    return new Input(p);
  }

  /**
   * Why a path named as a config file cannot be read as one, or null when it can be opened: {@code
   * is a directory, not a config file}, {@code no such file or directory}, {@code permission
   * denied}, ...
   */
  static String problem(Path p) {
    try {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
      if (a.isDirectory()) {
        return "is a directory, not a config file";
      }
      String kind = a.isRegularFile() ? null : FileErrors.kind(p);
      return "a socket".equals(kind) ? "is a socket, not a config file" : null;
    } catch (NoSuchFileException e) {
      return Files.isSymbolicLink(p) ? FileErrors.BROKEN_LINK : "no such file or directory";
    } catch (IOException e) {
      return FileErrors.reason(e);
    }
  }

  private static boolean isConfig(Path f) {
    return ConfigFormat.forFile(f).isPresent();
  }

  private static boolean isGlob(String arg) {
    return arg.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
  }

  private static List<Path> glob(String pattern) {
    // Walk from the longest leading part without glob characters.
    String normalized = pattern.replace('\\', '/');
    int firstGlob = 0;
    while (firstGlob < normalized.length() && "*?[{".indexOf(normalized.charAt(firstGlob)) < 0) {
      firstGlob++;
    }
    int slash = normalized.lastIndexOf('/', firstGlob);
    String baseText = slash < 0 ? "" : normalized.substring(0, slash + 1);
    Path base = Path.of(baseText.isEmpty() ? "." : baseText);
    PathMatcher matcher;
    try {
      matcher = FileSystems.getDefault().getPathMatcher("glob:" + normalized);
    } catch (IllegalArgumentException e) {
      throw Main.CliException.usage(pattern + ": not a valid glob (" + e.getMessage() + ")");
    }
    if (!Files.isDirectory(base)) {
      throw Main.CliException.usage(pattern + ": no such directory " + base);
    }
    List<Path> found =
        walk(
            base,
            f -> {
              Path shown = baseText.isEmpty() ? base.relativize(f) : f;
              return matcher.matches(shown);
            });
    if (found.isEmpty()) {
      throw Main.CliException.usage(pattern + ": matches no files");
    }
    if (baseText.isEmpty()) {
      return found.stream().map(base::relativize).toList();
    }
    return found;
  }

  private static List<Path> walk(Path dir, java.util.function.Predicate<Path> keep) {
    // Regular files only (symbolic links followed): a FIFO, device or socket met in a walk is
    // skipped, never opened, so a walk cannot hang on a pipe without a writer.
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).filter(keep).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(dir + ": cannot list files: " + FileErrors.about(dir, e), e);
    }
  }
}
