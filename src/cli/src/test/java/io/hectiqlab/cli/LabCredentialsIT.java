package io.hectiqlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where push, download and admin find the lab, and what they say when something is missing. */
class LabCredentialsIT {
  private static final String KEY = "hql_credentials_it_key_0123456789";

  @TempDir Path dir;
  Path home;
  Path file;

  @BeforeEach
  void setUp() throws Exception {
    home = Files.createDirectories(dir.resolve("home"));
    file = home.resolve(".hectiqlab").resolve("credentials");
  }

  /** Runs the jar with its home directory (and so its credentials file) in the test directory. */
  private Cli.Result run(Map<String, String> env, String... args) {
    ProcessBuilder pb = new Cli(dir, env).builder(args);
    pb.command().replaceAll(a -> a.startsWith("-Duser.home=") ? "-Duser.home=" + home : a);
    return Cli.run(pb);
  }

  private Cli.Result download(Map<String, String> env, String... more) {
    List<String> args = new ArrayList<>(List.of("download", "--project", "lab/demo", "--run", "r"));
    args.addAll(List.of(more));
    return run(env, args.toArray(String[]::new));
  }

  private static void assertUsage(Cli.Result r, String message) {
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).as(r.toString()).isEqualTo("hectiqlab: " + message + "\n");
  }

  private void write(String text) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @Test
  void aMissingKeyIsNamedAsTheKey() {
    assertUsage(
        download(Map.of("HECTIQLAB_API_URL", "http://127.0.0.1:9")),
        "no lab configured: no API key (the URL is set); set HECTIQLAB_API_KEY, or api_key in "
            + file
            + "; or pass --api-key KEY");
  }

  @Test
  void aMissingUrlIsNamedAsTheUrl() {
    Cli.Result r = download(Map.of("HECTIQLAB_API_KEY", KEY));
    assertUsage(
        r,
        "no lab configured: no URL (the API key is set); set HECTIQLAB_API_URL, or api_url in "
            + file
            + "; or pass --lab URL");
    assertThat(r.err()).doesNotContain(KEY);
  }

  @Test
  void nothingConfiguredNamesAllTheWays() {
    assertUsage(
        download(Map.of()),
        "no lab configured: no URL and no API key; set HECTIQLAB_API_URL and HECTIQLAB_API_KEY,"
            + " or api_url and api_key in "
            + file
            + "; or pass --lab URL and --api-key KEY");
  }

  @Test
  void credentialsFileErrorsNameTheFileAndLineNotTheOption() throws Exception {
    write("# team lab\napi_url http://127.0.0.1:9\n");
    assertUsage(
        download(Map.of()),
        file + ":2: expected a setting, name = value (api_url = URL or api_key = KEY)");
    write("api_url = ftp://127.0.0.1/lab\napi_key = " + KEY + "\n");
    Cli.Result r = download(Map.of());
    assertUsage(r, file + ":1: not an http(s) URL (it must start with http:// or https://)");
    assertThat(r.err()).doesNotContain("--lab").doesNotContain(KEY);
    write("api_url = http://127.0.0.1:9\n" + KEY + "\n");
    r = download(Map.of());
    assertUsage(r, file + ":2: expected a setting, name = value (api_url = URL or api_key = KEY)");
    assertThat(r.err()).doesNotContain(KEY);
  }

  @Test
  void aBadUrlIsBlamedOnWhereItCameFrom() {
    assertUsage(
        download(Map.of("HECTIQLAB_API_URL", "ftp://x", "HECTIQLAB_API_KEY", KEY)),
        "HECTIQLAB_API_URL: not an http(s) URL (it must start with http:// or https://)");
    assertUsage(
        download(Map.of("HECTIQLAB_API_KEY", KEY), "--lab", "ftp://y"),
        "--lab: not an http(s) URL: ftp://y");
  }

  @Test
  void theUrlFromTheEnvironmentAndTheKeyFromTheFileMakeOneLab() throws Exception {
    write("api_key = " + KEY + "\n");
    Cli.Result r = download(Map.of("HECTIQLAB_API_URL", "http://127.0.0.1:9"));
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).as(r.toString()).contains("cannot reach the lab at 127.0.0.1:9");
  }
}
