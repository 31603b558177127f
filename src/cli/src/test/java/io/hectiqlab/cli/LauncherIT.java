package io.hectiqlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The {@code ./hectiqlab} script as a process, in a copy of the checkout's layout holding the real
 * jar: when it rebuilds the jar (a stand-in {@code mvn} records it), which JDK it runs (stand-in
 * JDKs record it), and its start-up cache on the real JDKs.
 */
class LauncherIT {
  /** Files of the checkout's layout, made in the copy before each test, older than the jar. */
  static final List<String> LAYOUT =
      List.of(
          "pom.xml",
          "README.md",
          "src/core/pom.xml",
          "src/core/src/main/java/io/hectiqlab/Config.java",
          "src/core/src/test/java/io/hectiqlab/ConfigTest.java",
          "codegen/pom.xml",
          "codegen/src/main/java/io/hectiqlab/codegen/Codegen.java",
          "codegen/src/test/resources/sample.schema.json",
          "src/server/pom.xml",
          "src/server/src/main/java/io/hectiqlab/server/LabServer.java",
          "src/server/src/main/resources/migrations/V1__lab.sql",
          "src/cli/pom.xml",
          "src/cli/src/main/java/io/hectiqlab/cli/Main.java",
          "src/cli/src/test/java/io/hectiqlab/cli/Cli.java",
          "src/bench/pom.xml",
          "src/bench/src/main/java/io/hectiqlab/bench/CliTiming.java",
          "schemas/lab/create-run.schema.json",
          "schemas/examples/training.schema.json",
          "schemas/mine/service.schema.json",
          "examples/quickstart/configs/train.yaml",
          "examples/quickstart/pom.xml",
          "examples/generated-templates/src/main/java/Example.java");

  static final String VERSION_OK = "hectiqlab 0.";

  @TempDir static Path shared;
  static Path jar;

  @TempDir Path checkout;
  Path built;
  Path tools;

  @BeforeAll
  static void copyJar() throws IOException {
    jar = shared.resolve("hectiqlab.jar");
    Files.copy(Cli.JAR, jar);
  }

  /** The copy: the script, the layout, the jar, and a stand-in mvn that records its runs. */
  @BeforeEach
  void lay() throws IOException {
    Files.copy(Cli.ROOT.resolve("hectiqlab"), checkout.resolve("hectiqlab"));
    for (String f : LAYOUT) {
      write(checkout.resolve(f), "x\n");
    }
    Path target = Files.createDirectories(checkout.resolve("src/cli/target"));
    Files.createLink(target.resolve("hectiqlab.jar"), jar);
    built = checkout.resolve("mvn.log");
    tools = Files.createDirectories(checkout.resolve("tools"));
    script(
        tools.resolve("mvn"),
        "echo \"mvn $*\" >> '" + built + "'\ntouch src/cli/target/hectiqlab.jar\n");
    age(checkout, 2);
    Files.setLastModifiedTime(target.resolve("hectiqlab.jar"), hoursAgo(1));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "schemas/mine/service.schema.json",
        "schemas/mine/new.schema.json",
        "README.md",
        "src/core/src/test/java/io/hectiqlab/ConfigTest.java",
        "codegen/src/test/resources/sample.schema.json",
        "src/cli/src/test/java/io/hectiqlab/cli/Cli.java",
        "src/bench/src/main/java/io/hectiqlab/bench/CliTiming.java",
        "examples/quickstart/pom.xml",
        "examples/generated-templates/src/main/java/Example.java"
      })
  void editingAFileTheJarIsNotBuiltFromDoesNotRebuildIt(String file) throws Exception {
    write(checkout.resolve(file), "edited\n");

    Result r = launch(Map.of("HECTIQLAB_CDS", "off"), "--version");

    assertThat(r.out()).as(r.toString()).startsWith(VERSION_OK);
    assertThat(built).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "pom.xml",
        "src/core/pom.xml",
        "src/core/src/main/java/io/hectiqlab/Config.java",
        "codegen/src/main/java/io/hectiqlab/codegen/Codegen.java",
        "src/server/src/main/java/io/hectiqlab/server/LabServer.java",
        "src/server/src/main/resources/migrations/V1__lab.sql",
        "src/cli/pom.xml",
        "src/cli/src/main/java/io/hectiqlab/cli/Main.java",
        "schemas/lab/create-run.schema.json",
        "schemas/lab/new.schema.json",
        "schemas/examples/training.schema.json",
        "examples/quickstart/configs/train.yaml"
      })
  void editingAFileTheJarIsBuiltFromRebuildsIt(String file) throws Exception {
    write(checkout.resolve(file), "edited\n");

    Result r = launch(Map.of("HECTIQLAB_CDS", "off"), "--version");

    assertThat(r.out()).as(r.toString()).startsWith(VERSION_OK);
    assertThat(r.err()).contains("hectiqlab: building the command jar");
    assertThat(Files.readString(built)).startsWith("mvn ").contains("-pl src/cli -am");
  }

  @Test
  void removingASourceFileRebuildsTheJar() throws Exception {
    Files.delete(checkout.resolve("src/cli/src/main/java/io/hectiqlab/cli/Main.java"));

    launch(Map.of("HECTIQLAB_CDS", "off"), "--version");

    assertThat(built).exists();
  }

  /**
   * Every folder the bundled modules' poms copy into the jar as resources (parsed from the real
   * poms, so that a new one cannot be forgotten by the script) rebuilds the jar when a file in it
   * changes.
   */
  @Test
  void everyResourceFolderOfTheBundledModulesRebuildsTheJar() throws Exception {
    List<String> folders = new ArrayList<>();
    for (String module : List.of("src/core", "codegen", "src/server", "src/cli")) {
      for (String dir : resourceDirectories(Cli.ROOT.resolve(module).resolve("pom.xml"))) {
        Path abs = Cli.ROOT.resolve(module).resolve(dir).normalize();
        folders.add(
            Cli.ROOT.toAbsolutePath().normalize().relativize(abs.toAbsolutePath()).toString());
      }
    }
    assertThat(folders).contains("schemas/lab", "schemas/examples", "src/cli/src/main/resources");
    for (String folder : folders) {
      Path file = checkout.resolve(folder).resolve("added-" + folders.indexOf(folder) + ".txt");
      Files.createDirectories(file.getParent());
      age(checkout, 2);
      Files.setLastModifiedTime(checkout.resolve("src/cli/target/hectiqlab.jar"), hoursAgo(1));
      Files.deleteIfExists(built);
      write(file, "edited\n");

      launch(Map.of("HECTIQLAB_CDS", "off"), "--version");

      assertThat(built).as(folder).exists();
    }
  }

  @Test
  void runsTheNewestJdkFoundWithAnAheadOfTimeCacheFromOneTrainingRun() throws Exception {
    Path jdks = checkout.resolve("jdks");
    Path log = checkout.resolve("java.log");
    fakeJdk(jdks.resolve("jdk-21"), "21.0.2", log);
    fakeJdk(jdks.resolve("jdk-25"), "25.0.1", log);
    fakeJdk(jdks.resolve("jdk-11"), "11.0.9", log);
    Map<String, String> env = Map.of("HECTIQLAB_JDKS", jdks.toString());

    Result first = launch(env, "validate", "x.yaml");
    Result second = launch(env, "validate", "x.yaml");

    assertThat(first.out()).as(first.toString()).isEqualTo("ran\n");
    assertThat(second.out()).isEqualTo("ran\n");
    List<String> runs = Files.readAllLines(log);
    assertThat(runs).hasSize(3).allMatch(l -> l.startsWith(jdks.resolve("jdk-25") + "/bin/java "));
    Matcher training =
        Pattern.compile(
                "-XX:AOTCacheOutput=(\\S+)\\.\\d+\\.tmp -cp \\S+hectiqlab\\.jar io\\.hectiqlab\\.cli\\.Training$")
            .matcher(runs.get(0));
    assertThat(training.find()).as(runs.get(0)).isTrue();
    String cache = training.group(1);
    assertThat(Path.of(cache).getParent()).isEqualTo(checkout.resolve("src/cli/target"));
    assertThat(Path.of(cache).getFileName().toString()).matches("hectiqlab-jdk25-\\d+\\.aot");
    assertThat(Path.of(cache)).exists();
    assertThat(runs.get(1))
        .contains("-XX:AOTCache=" + cache + " ")
        .endsWith("-jar " + checkout.resolve("src/cli/target/hectiqlab.jar") + " validate x.yaml");
    assertThat(runs.get(2)).isEqualTo(runs.get(1));
    assertThat(runs.get(1)).contains("-XX:TieredStopAtLevel=1"); // C1 wins, also with the cache
  }

  @Test
  void aNewerJarOrAnotherJdkMakesItsOwnCache() throws Exception {
    Path jdks = checkout.resolve("jdks");
    Path log = checkout.resolve("java.log");
    fakeJdk(jdks.resolve("a/jdk-25"), "25.0.1", log);
    fakeJdk(jdks.resolve("b/jdk-25"), "25.0.1", log);
    Map<String, String> a = Map.of("HECTIQLAB_JDKS", jdks.resolve("a").toString());
    Map<String, String> b = Map.of("HECTIQLAB_JDKS", jdks.resolve("b").toString());

    launch(a, "--version");
    launch(a, "--version");
    launch(b, "--version");
    Files.setLastModifiedTime(
        checkout.resolve("src/cli/target/hectiqlab.jar"),
        FileTime.from(Instant.now().plusSeconds(5)));
    launch(a, "--version");

    List<String> trainings =
        Files.readAllLines(log).stream().filter(l -> l.contains("Training")).toList();
    assertThat(trainings).hasSize(3);
    assertThat(cacheOf(trainings.get(0))).isNotEqualTo(cacheOf(trainings.get(1)));
    assertThat(cacheOf(trainings.get(2))).isEqualTo(cacheOf(trainings.get(0)));
  }

  @Test
  void aJdkBefore25KeepsTheClassDataSharingArchive() throws Exception {
    Path log = checkout.resolve("java.log");
    Path jdk = fakeJdk(checkout.resolve("jdks/jdk-17"), "17.0.9", log);

    Result r = launch(Map.of("HECTIQLAB_JAVA", jdk.toString(), "HECTIQLAB_JDKS", ""), "--version");

    assertThat(r.out()).isEqualTo("ran\n");
    List<String> runs = Files.readAllLines(log);
    assertThat(runs.get(0))
        .contains("-XX:ArchiveClassesAtExit=")
        .contains("hectiqlab-jdk17-")
        .endsWith("io.hectiqlab.cli.Training");
    assertThat(runs.get(1))
        .containsPattern("-XX:SharedArchiveFile=\\S+hectiqlab-jdk17-\\d+\\.jsa ")
        .contains("-XX:TieredStopAtLevel=1")
        .doesNotContain("AOT");
  }

  @Test
  void aFailedTrainingRunLeavesNoCacheAndTheCommandRunsWithout() throws Exception {
    Path log = checkout.resolve("java.log");
    Path jdk = fakeJdk(checkout.resolve("jdks/jdk-25"), "25.0.1", log);
    Files.writeString(checkout.resolve("fail-training"), "");

    Result r = launch(Map.of("HECTIQLAB_JAVA", jdk.resolve("bin/java").toString()), "--version");

    assertThat(r.out()).isEqualTo("ran\n");
    assertThat(r.code()).isZero();
    List<String> runs = Files.readAllLines(log);
    assertThat(runs).hasSize(2);
    assertThat(runs.get(1)).doesNotContain("-XX:AOTCache=");
    try (Stream<Path> files = Files.list(checkout.resolve("src/cli/target"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .hasSize(2)
          .contains("hectiqlab.jar")
          .anyMatch(n -> n.matches("hectiqlab-jdk25-\\d+\\.aot\\.failed"));
    }

    // The next command does not train again for the same jar...
    assertThat(
            launch(Map.of("HECTIQLAB_JAVA", jdk.resolve("bin/java").toString()), "--version")
                .code())
        .isZero();
    assertThat(Files.readAllLines(log)).hasSize(3);

    // ...until the jar changes.
    Files.delete(checkout.resolve("fail-training"));
    Path jar = checkout.resolve("src/cli/target/hectiqlab.jar");
    Files.setLastModifiedTime(
        jar, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    launch(Map.of("HECTIQLAB_JAVA", jdk.resolve("bin/java").toString()), "--version");
    List<String> after = Files.readAllLines(log);
    assertThat(after).hasSize(5);
    assertThat(after.get(3)).endsWith("io.hectiqlab.cli.Training");
    assertThat(after.get(4)).contains("-XX:AOTCache=");
  }

  @Test
  void noJava17OrLaterIsAUsageErrorNamingTheVariables() throws Exception {
    Path log = checkout.resolve("java.log");
    fakeJdk(checkout.resolve("jdks/jdk-11"), "11.0.9", log);

    Map<String, String> env = new LinkedHashMap<>();
    env.put("HECTIQLAB_JDKS", checkout.resolve("jdks").toString());
    env.put("JAVA_HOME", checkout.resolve("jdks/jdk-11").toString());
    env.put("PATH", pathWithoutJava().toString());

    Result r = launch(env, "--version");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "hectiqlab: no Java 17 or later found: install a JDK, or set HECTIQLAB_JAVA or JAVA_HOME\n");
    assertThat(log).doesNotExist();
  }

  /**
   * On the real JDKs: the first run makes the cache beside the jar, and a run from a cache the JVM
   * cannot use (here: garbage) prints exactly what a run without one prints, warnings included.
   */
  @ParameterizedTest
  @ValueSource(ints = {17, 25})
  void aCacheTheJvmCannotUseIsIgnoredQuietly(int major) throws Exception {
    Path java = major == 17 ? Path.of(System.getProperty("java.home")) : jdk(25);
    Assumptions.assumeTrue(java != null, "no JDK " + major + " installed");
    Assumptions.assumeTrue(major != 17 || version(java).startsWith("17"), "tests run on JDK 17");
    Path template = checkout.resolve("schemas/examples/training.schema.json");
    Files.copy(
        Cli.ROOT.resolve("schemas/examples/training.schema.json"),
        template,
        StandardCopyOption.REPLACE_EXISTING);
    for (String ref : List.of("common.schema.json", "params.schema.json")) {
      Files.copy(Cli.ROOT.resolve("schemas/examples").resolve(ref), template.resolveSibling(ref));
    }
    Path config = checkout.resolve("train.yaml");
    Files.copy(Cli.ROOT.resolve("examples/quickstart/configs/train.yaml"), config);
    age(checkout, 2);
    Files.setLastModifiedTime(checkout.resolve("src/cli/target/hectiqlab.jar"), hoursAgo(1));
    Map<String, String> env = Map.of("HECTIQLAB_JAVA", java.toString());
    String[] validate = {"validate", "-t", template.toString(), config.toString()};

    Result first = launch(env, validate);
    Path cache;
    try (Stream<Path> files = Files.list(checkout.resolve("src/cli/target"))) {
      cache =
          files
              .filter(p -> p.getFileName().toString().startsWith("hectiqlab-jdk" + major + "-"))
              .findFirst()
              .orElseThrow();
    }
    assertThat(cache.getFileName().toString()).endsWith(major >= 25 ? ".aot" : ".jsa");
    // the JVM refuses to start when told to use a cache it cannot: so this one is used
    Map<String, String> strict = new LinkedHashMap<>(env);
    strict.put("HECTIQLAB_JAVA_OPTS", major >= 25 ? "-XX:AOTMode=on" : "-Xshare:on");
    Result used = launch(strict, validate);
    Files.delete(cache);
    Files.write(cache, "not a cache".repeat(1000).getBytes(StandardCharsets.UTF_8));
    Result garbage = launch(env, validate);
    Result off =
        launch(Map.of("HECTIQLAB_JAVA", java.toString(), "HECTIQLAB_CDS", "off"), validate);

    for (Result r : List.of(first, used, garbage, off)) {
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.out()).as(r.toString()).isEqualTo("1 valid, 0 invalid, 1 file\n");
      assertThat(r.err()).as(r.toString()).isEmpty();
    }
    assertThat(built).doesNotExist();
  }

  // ---- helpers

  record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** Runs the copied script with a clean HECTIQLAB_* environment and the stand-in mvn first. */
  Result launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
    String bash = Files.isExecutable(Path.of("/bin/bash")) ? "/bin/bash" : "bash";
    List<String> command = new ArrayList<>(List.of(bash, checkout.resolve("hectiqlab").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(checkout.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("HECTIQLAB_"));
    pb.environment().put("HOME", checkout.toString());
    pb.environment().put("PATH", tools + ":" + System.getenv("PATH"));
    if (env.containsKey("PATH")) {
      pb.environment().put("PATH", tools + ":" + env.get("PATH"));
    }
    pb.environment().remove("JAVA_HOME");
    pb.environment()
        .put("HECTIQLAB_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Map<String, String> all = new LinkedHashMap<>(env);
    all.remove("PATH");
    if (all.containsKey("HECTIQLAB_JDKS") && !all.containsKey("HECTIQLAB_JAVA")) {
      pb.environment().remove("HECTIQLAB_JAVA");
    }
    pb.environment().putAll(all);
    Path out = Files.createTempFile(checkout, "out", ".txt");
    Path err = Files.createTempFile(checkout, "err", ".txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    p.getOutputStream().close();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command + " did not finish");
    }
    Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    Files.delete(out);
    Files.delete(err);
    return r;
  }

  /**
   * A stand-in JDK: a release file with the version, and a java that appends its command line to
   * {@code log}, makes the cache a training run asks for (unless the file fail-training exists in
   * its working directory), and prints "ran" otherwise.
   */
  static Path fakeJdk(Path home, String version, Path log) throws IOException {
    write(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
    script(
        home.resolve("bin/java"),
        "echo \"$0 $*\" >> '"
            + log
            + "'\n"
            + "for a in \"$@\"; do case \"$a\" in\n"
            + "  -XX:AOTCacheOutput=*|-XX:ArchiveClassesAtExit=*)\n"
            + "    [ -e fail-training ] && exit 1\n"
            + "    echo cache > \"${a#*=}\"; exit 0;;\n"
            + "esac; done\n"
            + "echo ran\n");
    age(home, 2);
    return home;
  }

  /** A folder with the tools the script uses, and no java. */
  Path pathWithoutJava() throws IOException {
    Path bin = Files.createDirectories(checkout.resolve("bin-without-java"));
    for (String tool :
        List.of("dirname", "find", "readlink", "cksum", "cat", "head", "rm", "mv", "mktemp")) {
      for (String dir : List.of("/usr/bin", "/bin")) {
        Path real = Path.of(dir, tool);
        if (Files.isExecutable(real)) {
          Files.createSymbolicLink(bin.resolve(tool), real);
          break;
        }
      }
    }
    return bin;
  }

  static String cacheOf(String training) {
    Matcher m = Pattern.compile("=(\\S+)\\.\\d+\\.tmp ").matcher(training);
    assertThat(m.find()).as(training).isTrue();
    return m.group(1);
  }

  /** A real JDK of at least this major version installed side by side, or null. */
  static Path jdk(int atLeast) throws IOException {
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return null;
    }
    try (Stream<Path> homes = Files.list(jvms)) {
      for (Path home : homes.sorted().toList()) {
        String v = version(home);
        if (!v.isEmpty()
            && Integer.parseInt(v.replaceAll("^(\\d+).*", "$1")) >= atLeast
            && Files.isExecutable(home.resolve("bin/java"))) {
          return home;
        }
      }
    }
    return null;
  }

  static String version(Path home) throws IOException {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release)) {
      return "";
    }
    Matcher m =
        Pattern.compile("(?m)^JAVA_VERSION=\"([^\"]+)\"").matcher(Files.readString(release));
    return m.find() ? m.group(1) : "";
  }

  /** The {@code <resource><directory>} entries of a pom, with ${project.basedir} made relative. */
  static List<String> resourceDirectories(Path pom) throws Exception {
    List<String> dirs = new ArrayList<>();
    NodeList resources =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(pom.toFile())
            .getElementsByTagName("resource");
    for (int i = 0; i < resources.getLength(); i++) {
      NodeList d = ((Element) resources.item(i)).getElementsByTagName("directory");
      if (d.getLength() > 0) {
        dirs.add(d.item(0).getTextContent().trim().replace("${project.basedir}/", ""));
      }
    }
    if (dirs.isEmpty()) {
      dirs.add("src/main/resources"); // Maven's default
    }
    return dirs;
  }

  static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  static void script(Path file, String body) throws IOException {
    write(file, "#!/bin/bash\n" + body);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  static FileTime hoursAgo(int hours) {
    return FileTime.from(Instant.now().minus(hours, ChronoUnit.HOURS));
  }

  /** Sets every file and folder below {@code dir} to {@code hours} ago. */
  static void age(Path dir, int hours) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        if (!Files.isSymbolicLink(p)) {
          Files.setLastModifiedTime(p, hoursAgo(hours));
        }
      }
    }
  }
}
