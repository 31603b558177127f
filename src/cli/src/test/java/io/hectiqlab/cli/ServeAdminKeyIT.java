package io.hectiqlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.lab.Lab;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve}'s one-time admin key: printed only by a lab that listens, and how to recover. */
class ServeAdminKeyIT {
  private static final Pattern KEY =
      Pattern.compile("hectiqlab lab: admin API key \\(shown once, keep it\\): (hql_\\S+)");
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

  @TempDir Path dir;

  /** A started lab: its URL and the admin key it printed (null when none). */
  private record Started(Process process, String url, String key) {}

  private Started serve(Map<String, String> env) throws Exception {
    Process p =
        new Cli(dir, env)
            .builder("serve", "--db", "sqlite:lab.db", "--port", "0")
            .redirectErrorStream(true)
            .start();
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String key = null;
    for (String line; (line = lines.readLine()) != null; ) {
      Matcher k = KEY.matcher(line);
      if (k.find()) {
        key = k.group(1);
      }
      Matcher l = LISTENING.matcher(line);
      if (l.find()) {
        Cli.drain(p.getInputStream());
        return new Started(p, l.group(1), key);
      }
    }
    throw new AssertionError("the lab exited before listening");
  }

  private static void stop(Started s) throws Exception {
    s.process().destroy();
    assertThat(s.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aBusyPortFailsBeforeTheAdminKeyIsMadeSoALaterStartStillPrintsIt() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = busy.getLocalPort();
      Cli.Result r =
          new Cli(dir, Map.of()).run("serve", "--db", "sqlite:lab.db", "--port", "" + port);
      assertThat(r.code()).as(r.toString()).isEqualTo(1);
      assertThat(r.out()).as(r.toString()).doesNotContain("hql_").doesNotContain("admin API key");
      assertThat(r.err())
          .as(r.toString())
          .startsWith("hectiqlab: cannot start the lab: ")
          .contains(String.valueOf(port))
          .doesNotContain("hql_");
      assertThat(r.err().lines()).hasSize(1);
    }
    Started lab = serve(Map.of());
    try {
      assertThat(lab.key()).as("the admin key, printed once the lab listens").isNotNull();
      Lab.connect(URI.create(lab.url()), lab.key()).admin().createProject("lab/demo", List.of());
    } finally {
      stop(lab);
    }
    Started again = serve(Map.of());
    try {
      assertThat(again.key()).as("a lab with an admin key prints none").isNull();
    } finally {
      stop(again);
    }
  }

  @Test
  void aLostAdminKeyIsReplacedByStartingOnceWithANewOne() throws Exception {
    Started first = serve(Map.of());
    stop(first);
    assertThat(first.key()).isNotNull();
    String chosen = "hql_chosen_after_losing_the_first_0123456789";
    Started recovered = serve(Map.of("HECTIQLAB_ADMIN_API_KEY", chosen));
    try {
      assertThat(recovered.key()).isNull();
      Lab.connect(URI.create(recovered.url()), chosen).admin().createUser("alice");
    } finally {
      stop(recovered);
    }
    Started later = serve(Map.of()); // the chosen key stays, without the variable
    try {
      assertThat(later.key()).isNull();
      Lab.connect(URI.create(later.url()), chosen).admin().createUser("bob");
    } finally {
      stop(later);
    }
  }
}
