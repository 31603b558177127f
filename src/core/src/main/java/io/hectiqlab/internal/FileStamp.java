package io.hectiqlab.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * What a file looked like when it was read: its modification time, size and file key (the inode on
 * Unix, so that an editor's save-by-rename counts as a change even within one clock tick). Taken
 * before the file is read, so that a change racing the read is seen as a change later.
 */
public record FileStamp(Path file, FileTime modified, long size, Object key) {
  /** The stamp of a file now, or null when it cannot be read. */
  static FileStamp of(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return new FileStamp(file, a.lastModifiedTime(), a.size(), a.fileKey());
    } catch (IOException | SecurityException e) {
      return null;
    }
  }

  /** True when the file still has this modification time, size and file key. */
  boolean unchanged() {
    FileStamp now = of(file);
    return now != null
        && now.modified.equals(modified)
        && now.size == size
        && Objects.equals(now.key, key);
  }
}
