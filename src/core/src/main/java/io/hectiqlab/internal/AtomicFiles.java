package io.hectiqlab.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The one rule for every file the project writes ({@code Config.save}, {@code download -o}, {@code
 * codegen --out}). Stateless and thread-safe.
 *
 * <ul>
 *   <li>A symbolic link is followed (a chain of them too, up to 40): its target is written, by the
 *       rules below, and the link stays a link.
 *   <li>A new file, or a regular file with one link, is replaced atomically: a temporary file in
 *       the target's directory, written and forced to disk, renamed over the target, and the
 *       directory forced. It keeps the old file's permissions, owner and group (a new file gets
 *       rw-r--r--). Readers see the old content or the new, never a mix.
 *   <li>A regular file with several hard links, or one whose owner or group the replacement could
 *       not keep (a file of another user in a directory you may write), is written in place: the
 *       links, mode and owner stay, but the write is not atomic.
 *   <li>Anything else that exists and is not a directory (a FIFO, a character or block device such
 *       as {@code /dev/null} or {@code /dev/stdout}) is opened and written directly, without a
 *       temporary file or rename; a directory, or a socket, is refused.
 * </ul>
 *
 * On failure the temporary file is deleted and an atomically replaced target is left as it was.
 */
public final class AtomicFiles {
  private static final Set<PosixFilePermission> DEFAULT_PERMISSIONS =
      PosixFilePermissions.fromString("rw-r--r--");
  private static final int MAX_LINKS = 40;

  private AtomicFiles() {}

  /**
   * Writes {@code content} to {@code target} by the rule above.
   *
   * @throws IOException when it cannot be written; {@link FileErrors#message} words it
   */
  public static void write(Path target, byte[] content) throws IOException {
    Path abs = target.toAbsolutePath();
    PosixFileAttributes now = attributes(abs); // symbolic links followed by the kernel
    if (now == null) {
      // Missing, or a link to nothing yet: create what the chain of links ends at.
      replace(target, followLinks(abs), null, content);
      return;
    }
    if (now.isDirectory()) {
      throw new FileSystemException(target.toString(), null, "is a directory");
    }
    if (!now.isRegularFile()) {
      if ("a socket".equals(FileErrors.kind(abs))) {
        throw new FileSystemException(target.toString(), null, "is a socket; cannot write to it");
      }
      writeDirect(abs, content); // opened through its links, as the kernel resolves them
      return;
    }
    Path file = followLinks(abs);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
        || !Files.isSameFile(file, abs)
        || linkCount(file) > 1) {
      writeInPlace(abs, content);
      return;
    }
    replace(target, file, now, content);
  }

  /** The path a chain of symbolic links ends at (which may not exist yet). */
  private static Path followLinks(Path file) throws IOException {
    Path p = file;
    for (int i = 0; Files.isSymbolicLink(p); i++) {
      if (i == MAX_LINKS) {
        throw new FileSystemException(file.toString(), null, "too many levels of symbolic links");
      }
      Path link = Files.readSymbolicLink(p);
      Path parent = p.getParent();
      p = parent == null ? link : parent.resolve(link);
    }
    return p;
  }

  private static PosixFileAttributes attributes(Path file) {
    try {
      return Files.readAttributes(file, PosixFileAttributes.class);
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  private static int linkCount(Path file) {
    try {
      return ((Number) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS))
          .intValue();
    } catch (IOException | RuntimeException e) {
      return 1;
    }
  }

  /** Replaces file atomically, or writes it in place when its owner could not be kept. */
  private static void replace(Path target, Path file, PosixFileAttributes old, byte[] content)
      throws IOException {
    Path dir = file.getParent();
    Path tmp;
    try {
      tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
    } catch (NoSuchFileException e) {
      if (dir != null && !Files.isDirectory(dir)) {
        throw new FileSystemException(target.toString(), null, "no such directory " + dir);
      }
      throw cannotStage(target, dir, "no such file or directory");
    } catch (IOException e) {
      throw cannotStage(target, dir, FileErrors.reason(e));
    }
    boolean done = false;
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      PosixFileAttributeView view =
          Files.getFileAttributeView(tmp, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
      if (view != null) {
        if (old != null) {
          try {
            PosixFileAttributes now = view.readAttributes();
            if (!now.owner().equals(old.owner())) {
              view.setOwner(old.owner());
            }
            if (!now.group().equals(old.group())) {
              view.setGroup(old.group());
            }
          } catch (IOException e) {
            // Renaming would hand the file to us: keep its owner by writing it in place.
            Files.deleteIfExists(tmp);
            done = true;
            writeInPlace(file, content);
            return;
          }
        }
        // After chown, which may clear set-id bits.
        view.setPermissions(old != null ? old.permissions() : DEFAULT_PERMISSIONS);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new FileSystemException(
            target.toString(), null, "the file system cannot replace files atomically");
      }
      done = true;
      forceDirectory(dir);
    } finally {
      if (!done) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  private static FileSystemException cannotStage(Path target, Path dir, String reason) {
    return new FileSystemException(
        target.toString(),
        null,
        "cannot create a temporary file in " + dir + " to replace it atomically: " + reason);
  }

  private static void writeInPlace(Path file, byte[] content) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(content);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.truncate(content.length);
      ch.force(true);
    }
  }

  private static void writeDirect(Path file, byte[] content) throws IOException {
    // WRITE alone: no CREATE (it exists), no TRUNCATE_EXISTING (a device or pipe has no length).
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
      out.write(content);
    }
  }

  private static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms cannot open or sync a directory; the rename itself has happened.
    }
  }
}
