package io.hectiqlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hectiqlab.internal.FileErrors;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config.save by the project's one file rule, on real files of every kind in a temp dir. */
class FileWritingRulesTest {
  @TempDir Path dir;

  static final Config CONFIG = Config.of("lr", 0.5);

  static Object inode(Path p) throws IOException {
    return Files.getAttribute(p, "unix:ino");
  }

  @Test
  void aRegularFileIsReplacedAtomicallyKeepingModeOwnerAndGroup() throws Exception {
    Path file = Files.writeString(dir.resolve("c.yaml"), "lr: 1\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    UserPrincipal nobody = chownToNobody(file);
    Object before = inode(file);

    CONFIG.save(file);

    assertThat(Config.load(file)).isEqualTo(CONFIG);
    assertThat(inode(file)).as("replaced by rename").isNotEqualTo(before);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r-----");
    assertThat(Files.getOwner(file)).isEqualTo(nobody);
    assertThat(Files.getAttribute(file, "unix:gid")).isEqualTo(65534);
    try (var left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("c.yaml");
    }
  }

  @Test
  void aNewFileGetsReadableByAllPermissions() throws Exception {
    Path file = dir.resolve("new.json");
    CONFIG.save(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r--r--");
  }

  @Test
  void aSymbolicLinkIsFollowedAndStaysALink() throws Exception {
    Path real = Files.createDirectories(dir.resolve("real"));
    Path target = Files.writeString(real.resolve("target.yaml"), "lr: 1\n");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw----"));
    Path link = Files.createSymbolicLink(dir.resolve("link.yaml"), Path.of("real/target.yaml"));
    Path chain = Files.createSymbolicLink(dir.resolve("chain.yaml"), Path.of("link.yaml"));

    CONFIG.save(chain);

    assertThat(Files.isSymbolicLink(chain)).isTrue();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("real/target.yaml"));
    assertThat(Config.load(target)).isEqualTo(CONFIG);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-rw----");
    try (var left = Files.list(real)) {
      assertThat(left.count()).as("no temporary file left beside the target").isEqualTo(1);
    }
  }

  @Test
  void aLinkToNothingCreatesItsTarget() throws Exception {
    Files.createDirectories(dir.resolve("real"));
    Path link = Files.createSymbolicLink(dir.resolve("l.json"), Path.of("real/made.json"));
    CONFIG.save(link);
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Config.load(dir.resolve("real/made.json"))).isEqualTo(CONFIG);
  }

  @Test
  void aHardLinkedFileIsWrittenInPlaceSoEveryNameSeesTheNewContent() throws Exception {
    Path a = Files.writeString(dir.resolve("a.yaml"), "lr: 1\nlonger: old content here\n");
    Path b = Files.createLink(dir.resolve("b.yaml"), a);
    Object before = inode(a);

    CONFIG.save(a);

    assertThat(inode(a)).isEqualTo(before);
    assertThat(inode(b)).isEqualTo(before);
    assertThat(Files.getAttribute(a, "unix:nlink")).isEqualTo(2);
    assertThat(Config.load(b)).isEqualTo(CONFIG); // truncated to the new length, too
  }

  @Test
  void aFifoIsWrittenDirectlyAndStaysAFifo() throws Exception {
    Path fifo = mkfifo(dir.resolve("pipe.json"));
    CompletableFuture<String> reader =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return Files.readString(fifo);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });

    CONFIG.save(fifo);

    assertThat(Config.fromJson(reader.get(20, TimeUnit.SECONDS))).isEqualTo(CONFIG);
    assertThat(FileErrors.kind(fifo)).isEqualTo("a FIFO (named pipe)");
    try (var left = Files.list(dir)) {
      assertThat(left.count()).isEqualTo(1);
    }
  }

  @Test
  void aDirectoryOrASocketIsRefusedNamingThePath() throws Exception {
    Path sub = Files.createDirectories(dir.resolve("sub.json"));
    assertThatThrownBy(() -> CONFIG.save(sub))
        .isInstanceOf(ConfigException.class)
        .hasMessage(sub + ": cannot save config: is a directory");
    Path sock = dir.resolve("s.json");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(sock));
      assertThatThrownBy(() -> CONFIG.save(sock))
          .hasMessage(sock + ": cannot save config: is a socket; cannot write to it");
    }
  }

  @Test
  void aMissingDirectorySaysSoInsteadOfNamingATemporaryFile() {
    Path file = dir.resolve("no/such/dir/c.json");
    assertThatThrownBy(() -> CONFIG.save(file))
        .hasMessage(file + ": cannot save config: no such directory " + dir.resolve("no/such/dir"));
  }

  @Test
  void aFileThatCannotBeReplacedSaysWhyNotWhichTemporaryFileFailed() {
    // /proc/self/status is a regular file in a directory where no file can be created: the save
    // fails before writing anything.
    Path status = Path.of("/proc/self/status.json");
    Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")));
    assertThatThrownBy(() -> CONFIG.save(status))
        .hasMessage(
            status
                + ": cannot save config: cannot create a temporary file in /proc/self to replace"
                + " it atomically: no such file or directory")
        .hasMessageNotContaining("NoSuchFileException")
        .hasMessageNotContaining(".tmp");
  }

  @Test
  void permissionDeniedIsWordedNotAnExceptionClassName() throws Exception {
    // Root passes most permission checks; /proc/1/environ refuses writing even to root, so the
    // JDK's real AccessDeniedException can be had without assuming EACCES on a normal file.
    Path environ = Path.of("/proc/1/environ");
    IOException real = null;
    try {
      Files.newOutputStream(environ, StandardOpenOption.WRITE).close(); // nothing is written
    } catch (IOException e) {
      real = e;
    }
    Assumptions.assumeTrue(real instanceof AccessDeniedException, "no permission failure here");
    assertThat(FileErrors.message(real, null)).isEqualTo("/proc/1/environ: permission denied");
    assertThat(FileErrors.about(environ, real)).isEqualTo("permission denied");
  }

  static Path mkfifo(Path p) throws Exception {
    Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
    assertThat(mk.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(mk.exitValue()).isZero();
    return p;
  }

  static UserPrincipal chownToNobody(Path file) throws IOException {
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")), "changing owners needs root");
    UserPrincipal nobody =
        file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("65534");
    Files.setOwner(file, nobody);
    Files.setAttribute(file, "unix:gid", 65534, LinkOption.NOFOLLOW_LINKS);
    return Files.getOwner(file);
  }
}
