package io.hectiqlab.cli;

import io.hectiqlab.Compatibility;
import io.hectiqlab.CompatibilityReport;
import io.hectiqlab.Config;
import io.hectiqlab.ConfigSchema;
import io.hectiqlab.ConfigSource;
import io.hectiqlab.SchemaChange;
import io.hectiqlab.Violation;
import io.hectiqlab.internal.Printable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code hectiqlab compat}: whether a new version of a template breaks the documents of older ones,
 * each change with its reason and, when it breaks, a witness document; optionally checked on real
 * config files too.
 */
@Command(
    name = "compat",
    mixinStandardHelpOptions = true,
    description = {
      "Check whether a new version of a template breaks the configs of older ones.",
      "",
      "Compares the versions' JSON Schemas (each with the files its $refs lead to) and prints one line per change, like a compiler: FILE:LINE:COLUMN: /pointer: reason, where FILE is the newer version (or the older one, for what it removed). A change that breaks a direction the mode checks also shows a witness: a document the validator accepts under one version and rejects under the other, checked before it is printed; or says that none could be built. A change whose effect cannot be decided from the schemas (an if/then/else that changed) is reported as not decided, never guessed, and is not compatible. A summary line ends the list: the number of changes, how many break the mode or are not decided, and the verdict. --format json or sarif prints one report for scripts and CI servers instead.",
      "",
      "Each version is a schema file or a template name looked up in --schemas, as validate -t takes it. Give the versions oldest first; the last one is the candidate. A transitive mode checks the candidate against each earlier version and names the version a change breaks against; any other mode compares two versions, OLD NEW, and refuses more.",
      "",
      "With --configs DIR the config files in DIR (JSON, YAML and TOML, told by their names, recursively) are also validated under both versions, and each file valid under the older version but no longer under the newer one (under a forward mode also the other way) is listed with its new problems, as validate prints them. Such a file fails the check even when the comparison of the schemas found nothing (unless the mode is none, which refuses nothing); files invalid under both versions are counted, not listed."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  hectiqlab compat training-v1.schema.json training-v2.schema.json",
      "  hectiqlab compat --schemas schemas examples/training v2/training.schema.json",
      "  hectiqlab compat v1.json v2.json v3.json --mode backward-transitive",
      "  hectiqlab compat v1.json v2.json --configs configs/",
      "  hectiqlab compat v1.json v2.json --format sarif > compat.sarif",
      "",
      "Exit codes: 0 compatible, 1 a change breaks the mode or cannot be decided, or a",
      "            config is no longer valid, 2 usage or template error."
    })
final class CompatCommand implements Callable<Integer> {
  @ParentCommand HectiqlabCommand root;

  @Parameters(
      arity = "1..*",
      paramLabel = "OLD... NEW",
      hideParamSyntax = true,
      description = {
        "The template's versions, oldest first (OLD NEW, or V1 V2 ... NEW for a transitive"
            + " mode); the last one is the candidate. "
            + TemplateOptions.TEMPLATE_HELP,
        TemplateOptions.LAB_HELP
      })
  List<String> versions;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      converter = ModeConverter.class,
      description =
          "backward (the default, unless every version is a lab: ref of one template: then that"
              + " template's mode in the lab, named on the verdict line; backward: every document"
              + " valid under the older version stays valid under the newer, what config authors"
              + " need), forward (every document valid under the"
              + " newer version was valid under the older), full (both), none (nothing is"
              + " refused; changes are still listed), or backward-transitive, forward-transitive,"
              + " full-transitive: the same against every earlier version given.")
  Compatibility.Mode mode;

  /**
   * The template whose mode in the lab {@link #mode} is ({@code lab:OWNER/PROJECT/NAME}), or null
   * when {@code --mode} gave it or it is the default.
   */
  private String modeOf;

  /** The names {@code --format} takes. */
  enum Format {
    text,
    json,
    sarif
  }

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "text|json|sarif",
      description =
          "text (the default: one line per change), json (one report for scripts: mode,"
              + " compatible, every change with its witnesses) or sarif (SARIF 2.1.0 for code"
              + " scanning: an error per breaking change, a note per other change).")
  Format format;

  /** The names {@code --content-model} takes. */
  enum ContentModel {
    open(Compatibility.ContentModel.OPEN),
    closed(Compatibility.ContentModel.CLOSED);

    final Compatibility.ContentModel model;

    ContentModel(Compatibility.ContentModel model) {
      this.model = model;
    }
  }

  @Option(
      names = "--content-model",
      defaultValue = "open",
      paramLabel = "open|closed",
      description =
          "How an object schema that says nothing of the properties it does not declare is read:"
              + " open (the default, as JSON Schema says: any other property is allowed), or"
              + " closed (the lenient reading, for teams that mean such schemas so: as if it said"
              + " \"additionalProperties\": false; not for allOf members). --configs always"
              + " validates with the templates as written.")
  ContentModel contentModel;

  @Option(
      names = "--configs",
      paramLabel = "DIR",
      description =
          "Also validate the config files in DIR (its JSON, YAML and TOML files, recursively;"
              + " or a file or quoted glob, as validate takes them) under both versions, and list"
              + " each that was valid and no longer is.")
  String configs;

  @Option(names = "--schemas", paramLabel = "DIR", description = TemplateOptions.SCHEMAS_HELP)
  Path schemas;

  @Mixin LabOptions lab;

  /** Reads {@code --mode} with {@link Compatibility.Mode#parse}, whose message names the modes. */
  static final class ModeConverter implements ITypeConverter<Compatibility.Mode> {
    @Override
    public Compatibility.Mode convert(String value) {
      try {
        return Compatibility.Mode.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /**
   * A config file that a version accepts and another rejects, with what the rejecting one says.
   *
   * @param validUnder the version that accepts it (its origin)
   * @param invalidUnder the version that rejects it
   * @param direction backward when the older version accepts it, forward when the newer does
   * @param result the file's validation under the rejecting version
   */
  record BrokenConfig(
      String validUnder,
      String invalidUnder,
      SchemaChange.Direction direction,
      ValidateCommand.FileResult result) {}

  /**
   * A config file of {@code --configs} that is no config at all: empty, or not JSON, YAML or TOML
   * that parses (binary, cut short); validated under no version, counted apart.
   *
   * @param file the file as {@code --configs} found it
   * @param line where the problem is (1-based), or 0 for the whole file
   * @param column where the problem is (1-based), or 0
   * @param problem what is wrong, as validate words it
   */
  record Unreadable(String file, int line, int column, String problem) {
    /** {@code file:line:column}, or the file alone. */
    String location() {
      return line > 0 ? file + ":" + line + ":" + column : file;
    }
  }

  /**
   * What {@code --configs} found: the directory, how many files it holds, how many versions they
   * were validated under (the candidate included), the files broken (in the files' order, then the
   * versions'), and how many were valid and invalid under every version.
   */
  record ConfigCheck(
      String directory,
      int files,
      int versions,
      List<BrokenConfig> broken,
      int validUnderAll,
      int invalidUnderAll,
      List<Unreadable> unreadable) {
    /** How many files are broken (a file broken against two versions counts once). */
    long brokenFiles() {
      return broken.stream().map(b -> b.result().name()).distinct().count();
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    if (versions.size() < 2) {
      throw Main.CliException.usage(
          "compat needs two versions at least, oldest first: OLD NEW (the last is the candidate)");
    }
    if (mode == null) {
      modeOf = oneLabTemplate(versions);
      mode = modeOf == null ? Compatibility.Mode.BACKWARD : LabRefs.mode(lab, versions.get(0));
    }
    if (versions.size() > 2 && !mode.isTransitive()) {
      // Refused, never narrowed to the last two: an unquoted glob (--configs cfg/*.yaml) that the
      // shell expanded would otherwise compare two config files as templates.
      throw Main.CliException.usage(
          versions.size()
              + " versions given: --mode "
              + mode.id()
              + " compares two (OLD NEW)"
              + (mode == Compatibility.Mode.NONE
                  ? ""
                  : "; give a transitive mode ("
                      + mode.id()
                      + "-transitive) to check NEW against each earlier version")
              + (configs != null ? " (quote a glob given to --configs)" : ""));
    }
    List<ConfigSchema> loaded = new ArrayList<>();
    for (String v : versions) {
      loaded.add(TemplateOptions.load(v, schemas, lab));
    }
    ConfigSchema candidate = loaded.get(loaded.size() - 1);
    List<ConfigSchema> published = loaded.subList(0, loaded.size() - 1);
    List<Inputs.Input> inputs = configs == null ? null : Inputs.expand(List.of(configs));
    List<ConfigSource> files = inputs == null ? null : new InputOptions().sources(inputs);
    Compatibility compatibility = Compatibility.of(mode).withContentModel(contentModel.model);
    CompatibilityReport report =
        published.size() == 1
            ? compatibility.compare(published.get(0), candidate)
            : compatibility.check(published, candidate);
    List<ConfigSchema> against =
        mode.isTransitive() ? published : List.of(published.get(published.size() - 1));
    ConfigCheck check = files == null ? null : checkConfigs(inputs, files, against, candidate);
    PrintStream out = root.out;
    switch (format) {
      case text -> text(report, check, out);
      case json -> out.println(json(report, check));
      case sarif -> out.println(sarif(report, check).toJson());
    }
    boolean configsBroken = check != null && !check.broken().isEmpty() && refuses();
    return report.isCompatible() && !configsBroken ? Main.Exit.OK : Main.Exit.FAILURE;
  }

  /**
   * {@code lab:OWNER/PROJECT/NAME} when every version is a {@code lab:} ref of that one template,
   * else null.
   */
  private static String oneLabTemplate(List<String> versions) {
    String template = null;
    for (String v : versions) {
      if (!io.hectiqlab.lab.TemplateRef.isRef(v)) {
        return null;
      }
      String t = LabRefs.template(LabRefs.parse(v));
      if (template != null && !template.equals(t)) {
        return null;
      }
      template = t;
    }
    return template;
  }

  /** Whether the mode refuses anything: {@code none} only lists. */
  private boolean refuses() {
    return mode.checksBackward() || mode.checksForward();
  }

  /**
   * Validates the config files of {@code --configs} (as {@code validate} finds them in a directory:
   * {@link Inputs#expand}) under each version the candidate is checked against and under the
   * candidate, and finds those one accepts and the other rejects in a direction the mode checks
   * (backward under {@code none}, which refuses nothing).
   */
  private ConfigCheck checkConfigs(
      List<Inputs.Input> inputs,
      List<ConfigSource> files,
      List<ConfigSchema> against,
      ConfigSchema candidate)
      throws InterruptedException {
    List<Path> paths = inputs.stream().map(in -> in.isStdin() ? null : in.file()).toList();
    int threads = Runtime.getRuntime().availableProcessors();
    PrintStream progress = root.style.terminal() ? root.err : null;
    List<ValidateCommand.FileResult> underCandidate =
        ValidateCommand.validate(candidate, files, threads, progress);
    List<List<ValidateCommand.FileResult>> underOlder = new ArrayList<>();
    for (ConfigSchema older : against) {
      underOlder.add(ValidateCommand.validate(older, files, threads, progress));
    }
    boolean backward = mode.checksBackward() || !mode.checksForward();
    boolean forward = mode.checksForward();
    List<BrokenConfig> broken = new ArrayList<>();
    List<Unreadable> unreadable = new ArrayList<>();
    int validUnderAll = 0;
    int invalidUnderAll = 0;
    for (int i = 0; i < files.size(); i++) {
      ValidateCommand.FileResult now = underCandidate.get(i);
      Unreadable problem = unreadable(paths.get(i), now);
      if (problem != null) {
        unreadable.add(problem); // the same under every version: it was never parsed
        continue;
      }
      boolean validEverywhere = now.isValid();
      boolean invalidEverywhere = !now.isValid();
      for (int v = 0; v < against.size(); v++) {
        ValidateCommand.FileResult before = underOlder.get(v).get(i);
        validEverywhere &= before.isValid();
        invalidEverywhere &= !before.isValid();
        String olderName = against.get(v).origin();
        if (backward && before.isValid() && !now.isValid()) {
          broken.add(
              new BrokenConfig(
                  olderName, candidate.origin(), SchemaChange.Direction.BACKWARD, now));
        }
        if (forward && now.isValid() && !before.isValid()) {
          broken.add(
              new BrokenConfig(
                  candidate.origin(), olderName, SchemaChange.Direction.FORWARD, before));
        }
      }
      validUnderAll += validEverywhere ? 1 : 0;
      invalidUnderAll += invalidEverywhere ? 1 : 0;
    }
    return new ConfigCheck(
        configs,
        files.size(),
        against.size() + 1,
        broken,
        validUnderAll,
        invalidUnderAll,
        unreadable);
  }

  /**
   * Whether a config file is no config at all, and why: empty (nothing but white space), or its
   * text did not parse ({@code syntax}, which no schema decides); null when it is a document.
   */
  private static Unreadable unreadable(Path file, ValidateCommand.FileResult result) {
    for (Violation v : result.violations()) {
      if (v.keyword().equals("syntax")) {
        return new Unreadable(result.name(), v.line(), v.column(), v.message());
      }
    }
    if (file != null && result.violations().size() == 1 && isBlank(file)) {
      return new Unreadable(result.name(), 0, 0, "empty file");
    }
    return null;
  }

  /** True when a small regular file holds nothing but white space. */
  private static boolean isBlank(Path file) {
    try {
      return Files.isRegularFile(file)
          && Files.size(file) < 4096
          && Files.readString(file, StandardCharsets.UTF_8).isBlank();
    } catch (IOException | RuntimeException e) {
      return false; // read again by validation, which says what is wrong
    }
  }

  // ---- text

  /**
   * The report as the library writes it ({@link CompatibilityReport#toString()}: a line per change,
   * then the summary), then what {@code --configs} found.
   */
  private void text(CompatibilityReport report, ConfigCheck check, PrintStream out) {
    Style style = root.style;
    String lines = report.toString();
    if (!lines.isEmpty()) {
      for (String line : lines.split("\n", -1)) {
        out.println(paint(line, report, style));
      }
    }
    if (check == null) {
      return;
    }
    TextReport violations = new TextReport(style, false);
    for (BrokenConfig b : check.broken()) {
      out.println(
          style.bold(Printable.escape(b.result().name()))
              + ": "
              + style.error(
                  "valid under "
                      + Printable.escape(b.validUnder())
                      + ", invalid under "
                      + Printable.escape(b.invalidUnder())
                      + ":"));
      violations.violations(b.result(), out);
    }
    for (Unreadable u : check.unreadable()) {
      out.println(
          style.bold(Printable.escape(u.location()))
              + ": "
              + style.error("not read as a config: " + Printable.escape(u.problem())));
    }
    String summary = summary(check);
    out.println(check.broken().isEmpty() ? style.ok(summary) : style.error(summary));
    if (!check.broken().isEmpty() && report.isCompatible() && refuses()) {
      out.println(
          style.error(
              "configs: the comparison of the schemas found no breaking change, but "
                  + (check.brokenFiles() == 1 ? "the file above is" : "the files above are")
                  + " broken: not compatible"
                  + (contentModel == ContentModel.closed
                      ? " (the comparison read content models as closed; the configs are"
                          + " validated with the templates as written)"
                      : "")));
    }
  }

  /**
   * The summary of {@code --configs}: {@code configs: 4 files in configs: 1 broken, 2 valid under
   * both versions, 1 invalid under both versions} ({@code all versions} when more than two were
   * compared), then, when some file is valid under one version only in a direction the mode does
   * not check, {@code , 1 valid under one version only (forward allows it)} ({@code some versions}
   * when more than two were compared), then {@code , 1 not read (listed above)} for files that are
   * no config at all.
   */
  private String summary(ConfigCheck check) {
    String both = check.versions() == 2 ? " both versions" : " all versions";
    long allowed =
        check.files()
            - check.brokenFiles()
            - check.validUnderAll()
            - check.invalidUnderAll()
            - check.unreadable().size();
    return "configs: "
        + check.files()
        + (check.files() == 1 ? " file in " : " files in ")
        + Printable.escape(check.directory())
        + ": "
        + check.brokenFiles()
        + " broken, "
        + check.validUnderAll()
        + " valid under"
        + both
        + ", "
        + check.invalidUnderAll()
        + " invalid under"
        + both
        + (allowed == 0
            ? ""
            : ", "
                + allowed
                + (check.versions() == 2
                    ? " valid under one version only ("
                    : " valid under some versions only (")
                + mode.id()
                + " allows it)")
        + (check.unreadable().isEmpty()
            ? ""
            : ", " + check.unreadable().size() + " not read (listed above)");
  }

  /**
   * A line of the report as the library wrote it (escaped there), coloured on a terminal as
   * validate colours its lines: a change's location in bold and, when the change fails the mode,
   * the rest in the error colour; the summary in the colour of its verdict.
   */
  private String paint(String line, CompatibilityReport report, Style style) {
    if (line.equals(report.summary())) {
      if (modeOf != null) {
        line += " (mode " + mode.id() + ": the mode of " + modeOf + " in the lab)";
      }
      return report.isCompatible() ? style.ok(line) : style.error(line);
    }
    for (SchemaChange c : report.changes()) {
      if (!c.toString().equals(line)) {
        continue;
      }
      String where = Printable.escape(c.site().location().toString());
      if (!line.startsWith(where + ": ")) {
        break;
      }
      String rest = line.substring(where.length() + 2);
      return style.bold(where) + ": " + (c.breaks(mode) ? style.error(rest) : rest);
    }
    return line;
  }

  // ---- json

  /**
   * {@link CompatibilityReport#toJson()} as the library writes it, with, for {@code --configs}, one
   * more member, {@code configs}: {@code {"directory", "files", "validUnderAll", "invalidUnderAll",
   * "unreadable": [{"file", "location", "problem"}], "compatible", "broken": [{"file",
   * "validUnder", "invalidUnder", "direction", "violations": [...]}]}}, the direction as the
   * witnesses name theirs, each violation as {@code validate --format json} writes it.
   */
  private String json(CompatibilityReport report, ConfigCheck check) {
    String json = report.toJson();
    if (check == null) {
      return json;
    }
    List<Config> broken = new ArrayList<>();
    for (BrokenConfig b : check.broken()) {
      broken.add(
          Config.of(
              "file", b.result().name(),
              "validUnder", b.validUnder(),
              "invalidUnder", b.invalidUnder(),
              "direction", b.direction().name(),
              "violations", b.result().violations().stream().map(JsonReport::json).toList()));
    }
    String configsMember =
        Config.of(
                "configs",
                Config.of(
                    "directory", check.directory(),
                    "files", check.files(),
                    "validUnderAll", check.validUnderAll(),
                    "invalidUnderAll", check.invalidUnderAll(),
                    "unreadable",
                        check.unreadable().stream()
                            .map(
                                u ->
                                    Config.of(
                                        "file", u.file(),
                                        "location", u.location(),
                                        "problem", u.problem()))
                            .toList(),
                    "compatible", check.broken().isEmpty() || !refuses(),
                    "broken", broken))
            .toJson();
    // Both objects come from the same printer: the member joins the report's text as it is, so
    // the report's numbers (a witness's decimals) are never read and written again.
    String head = json.substring(0, json.lastIndexOf('}')).stripTrailing();
    String member =
        configsMember.substring(configsMember.indexOf('{') + 1, configsMember.lastIndexOf('}'));
    return head + "," + member.stripTrailing() + "\n}";
  }

  // ---- sarif

  /** The rule id of a config file a version accepts and another rejects. */
  static final String CONFIG_RULE = "CONFIG_NO_LONGER_VALID";

  /** The rule id of a config file that is empty or does not parse. */
  static final String UNREADABLE_RULE = "CONFIG_NOT_READ";

  /**
   * A SARIF 2.1.0 log: a rule per kind of change found (its id the kind, sorted), a result per
   * change (level {@code error} when it fails the mode, {@code note} otherwise) at the newer
   * version's file:line:column (the older one's for what the newer removed), its message the
   * change's line without that location (pointer, reason, witness), then what the version that
   * rejects each witness says. With {@code --configs}, a result of the rule {@value #CONFIG_RULE}
   * per violation of a broken config under the version that rejects it, at the violation.
   */
  private Config sarif(CompatibilityReport report, ConfigCheck check) {
    TreeSet<String> ids = new TreeSet<>();
    Map<String, String> descriptions = new LinkedHashMap<>();
    for (SchemaChange c : report.changes()) {
      ids.add(c.kind().name());
      descriptions.put(c.kind().name(), c.kind().summary());
    }
    if (check != null && !check.broken().isEmpty()) {
      ids.add(CONFIG_RULE);
      descriptions.put(
          CONFIG_RULE,
          "A config file valid under one version of the template is invalid under the other.");
    }
    if (check != null && !check.unreadable().isEmpty()) {
      ids.add(UNREADABLE_RULE);
      descriptions.put(
          UNREADABLE_RULE,
          "A config file is empty or does not parse: it was validated under no version.");
    }
    List<String> ruleIds = new ArrayList<>(ids);
    List<Config> rules = new ArrayList<>();
    for (String id : ruleIds) {
      rules.add(SarifReport.rule(id, descriptions.get(id)));
    }
    List<Config> results = new ArrayList<>();
    for (SchemaChange c : report.changes()) {
      io.hectiqlab.Location at = c.site().location();
      results.add(
          SarifReport.result(
              c.kind().name(),
              ruleIds.indexOf(c.kind().name()),
              c.breaks(mode) ? "error" : "note",
              sarifMessage(c, at),
              SarifReport.physical(SarifReport.uri(at.origin()), at.line(), at.column())));
    }
    if (check != null) {
      for (BrokenConfig b : check.broken()) {
        String uri = SarifReport.uri(b.result().name());
        for (Violation v : b.result().violations()) {
          results.add(
              SarifReport.result(
                  CONFIG_RULE,
                  ruleIds.indexOf(CONFIG_RULE),
                  refuses() ? "error" : "note",
                  "valid under "
                      + b.validUnder()
                      + ", invalid under "
                      + b.invalidUnder()
                      + ": "
                      + ReportFormat.shownPath(v)
                      + ": "
                      + v.message()
                      + " ("
                      + v.keyword()
                      + ")",
                  SarifReport.physical(uri, v.line(), v.column())));
        }
      }
    }
    if (check != null) {
      for (Unreadable u : check.unreadable()) {
        results.add(
            SarifReport.result(
                UNREADABLE_RULE,
                ruleIds.indexOf(UNREADABLE_RULE),
                "warning",
                "not read as a config: " + u.problem(),
                SarifReport.physical(SarifReport.uri(u.file()), u.line(), u.column())));
      }
    }
    return SarifReport.log(rules, results, List.of());
  }

  /**
   * A change's message in SARIF: its line ({@link SchemaChange#toString()}) without the location it
   * starts with, which the result holds apart, then for each witness what the version that rejects
   * it says, on a line of its own.
   */
  private static String sarifMessage(SchemaChange c, io.hectiqlab.Location at) {
    String line = c.toString();
    String prefix = at + ": ";
    StringBuilder sb =
        new StringBuilder(line.startsWith(prefix) ? line.substring(prefix.length()) : line);
    for (SchemaChange.Witness w : c.witnesses()) {
      sb.append("\n  ")
          .append(w.direction() == SchemaChange.Direction.BACKWARD ? "the newer" : "the older")
          .append(" version rejects it: ")
          .append(w.violation());
    }
    return sb.toString();
  }
}
