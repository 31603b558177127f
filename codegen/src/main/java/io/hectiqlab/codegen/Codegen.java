package io.hectiqlab.codegen;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.jsonschema2pojo.AnnotationStyle;
import org.jsonschema2pojo.Annotator;
import org.jsonschema2pojo.DefaultGenerationConfig;
import org.jsonschema2pojo.InclusionLevel;
import org.jsonschema2pojo.Jsonschema2Pojo;
import org.jsonschema2pojo.NoopRuleLogger;
import org.jsonschema2pojo.rules.RuleFactory;

/**
 * Generates ConfigTemplate classes from JSON Schema files without Maven: the same jsonschema2pojo
 * settings as the Maven wiring in the README, kept here in one place ({@link Settings}). Stateless
 * and thread-safe.
 */
public final class Codegen {
  private Codegen() {}

  /** Failure to generate, naming the schema source and the problem. */
  public static final class CodegenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CodegenException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Generates Java sources for a schema file, or for every schema file of a directory (its
   * subdirectories become subpackages).
   *
   * @param source a schema file or a directory of schema files
   * @param targetPackage the Java package of the generated classes
   *     <p>Sources are written the way jsonschema2pojo writes them: an existing source file is
   *     deleted and created anew (a symbolic link in its place becomes a regular file). The {@code
   *     hectiqlab codegen} command generates into a private directory instead and writes each
   *     source by the project's file rule (atomic, keeping mode and owner, following links).
   * @param outputDir where the sources go (created when missing)
   * @return the generated source files
   * @throws CodegenException when the source is missing, the output is not a directory, or a schema
   *     cannot be generated
   */
  public static List<Path> generate(Path source, String targetPackage, Path outputDir) {
    if (!Files.exists(source)) {
      throw new CodegenException(source + ": no such file or directory", null);
    }
    if (Files.exists(outputDir) && !Files.isDirectory(outputDir)) {
      throw new CodegenException(outputDir + ": not a directory", null);
    }
    try {
      Files.createDirectories(outputDir);
      Jsonschema2Pojo.generate(
          new Settings(source, targetPackage, outputDir), new NoopRuleLogger());
    } catch (IOException e) {
      throw new CodegenException(source + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new CodegenException(source + ": cannot generate classes: " + describe(e), e);
    }
    try (Stream<Path> files = Files.walk(outputDir)) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String describe(Throwable e) {
    List<String> parts = new ArrayList<>();
    for (Throwable t = e; t != null && parts.size() < 3; t = t.getCause()) {
      if (t.getMessage() != null && !parts.contains(t.getMessage())) {
        parts.add(t.getMessage());
      }
    }
    return parts.isEmpty() ? e.getClass().getSimpleName() : String.join(": ", parts);
  }

  /**
   * The generation settings: Jackson-compatible annotations through {@link TemplateAnnotator}
   * (annotation style none), {@link TemplateRuleFactory}, {@code withX} builder methods,
   * collections left null until set (absent stays absent), no bean-validation annotations (the
   * schema validates), null fields left out of JSON. The README's Maven block sets the same
   * options.
   */
  static final class Settings extends DefaultGenerationConfig {
    private final Path source;
    private final String targetPackage;
    private final Path outputDir;

    Settings(Path source, String targetPackage, Path outputDir) {
      this.source = source;
      this.targetPackage = targetPackage;
      this.outputDir = outputDir;
    }

    @Override
    public Iterator<URL> getSource() {
      try {
        return List.of(source.toAbsolutePath().normalize().toUri().toURL()).iterator();
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException(source + ": not a valid path", e);
      }
    }

    @Override
    public File getTargetDirectory() {
      return outputDir.toFile();
    }

    @Override
    public String getTargetPackage() {
      return targetPackage;
    }

    @Override
    public AnnotationStyle getAnnotationStyle() {
      return AnnotationStyle.NONE;
    }

    @Override
    public Class<? extends Annotator> getCustomAnnotator() {
      return TemplateAnnotator.class;
    }

    @Override
    public Class<? extends RuleFactory> getCustomRuleFactory() {
      return TemplateRuleFactory.class;
    }

    @Override
    public InclusionLevel getInclusionLevel() {
      return InclusionLevel.NON_NULL;
    }

    @Override
    public boolean isIncludeGeneratedAnnotation() {
      return false;
    }

    @Override
    public String getTargetVersion() {
      return "17";
    }

    @Override
    public boolean isGenerateBuilders() {
      return true;
    }

    @Override
    public boolean isInitializeCollections() {
      return false;
    }

    @Override
    public String[] getFileExtensions() {
      return new String[] {".schema.json", ".json"};
    }
  }
}
