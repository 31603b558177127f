package io.hectiqlab.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * The one place that turns file-system failures and file kinds into words: {@code configs/a.yaml:
 * permission denied}, {@code configs: is a directory}, never a raw exception class name. Stateless
 * and thread-safe.
 */
public final class FileErrors {
  /** The reason given for a symbolic link whose target does not exist. */
  public static final String BROKEN_LINK = "broken symbolic link (its target does not exist)";

  private FileErrors() {}

  /**
   * Returns {@code path: reason} for an I/O failure, naming the file the exception names (or {@code
   * fallback} when it names none).
   */
  public static String message(IOException e, Path fallback) {
    String file =
        e instanceof FileSystemException f && f.getFile() != null
            ? f.getFile()
            : fallback == null ? null : fallback.toString();
    String reason = reason(e);
    return file == null ? reason : file + ": " + reason;
  }

  /**
   * Returns the reason alone when the exception is about {@code path} itself (or names no file),
   * else {@code other-file: reason}: for messages that already start with {@code path}.
   */
  public static String about(Path path, IOException e) {
    if (e instanceof FileSystemException f
        && f.getFile() != null
        && !f.getFile().equals(path.toString())) {
      return message(e, path);
    }
    return reason(e);
  }

  /** Returns what went wrong, in lower-case words and without the file name. */
  public static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "already exists";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (e instanceof DirectoryNotEmptyException) {
      return "directory not empty";
    }
    if (e instanceof NotLinkException) {
      return "not a symbolic link";
    }
    if (e instanceof FileSystemLoopException) {
      return "too many levels of symbolic links";
    }
    if (e instanceof FileSystemException f) {
      String r = f.getReason();
      if (r != null && !r.isBlank()) {
        return lower(r);
      }
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : lower(m);
  }

  /**
   * Returns what a path is when it is not a regular file, in words such as {@code a directory},
   * {@code a FIFO (named pipe)}, {@code a character device}, {@code a socket}, {@code a special
   * file}; null for a regular file or when the path cannot be examined. Symbolic links are
   * followed.
   */
  public static String kind(Path path) {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (IOException | RuntimeException e) {
      return null;
    }
    if (a.isRegularFile()) {
      return null;
    }
    if (a.isDirectory()) {
      return "a directory";
    }
    try {
      int type = ((Integer) Files.getAttribute(path, "unix:mode")) & 0170000;
      switch (type) {
        case 0010000:
          return "a FIFO (named pipe)";
        case 0020000:
          return "a character device";
        case 0060000:
          return "a block device";
        case 0140000:
          return "a socket";
        default:
          break;
      }
    } catch (IOException | RuntimeException e) {
      // No unix view: the generic word below.
    }
    return "a special file";
  }

  private static String lower(String s) {
    return s.length() > 1
            && Character.isUpperCase(s.charAt(0))
            && Character.isLowerCase(s.charAt(1))
        ? s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1)
        : s;
  }
}
