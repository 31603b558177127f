package io.hectiqlab.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.codemodel.JAnnotationUse;
import com.sun.codemodel.JClass;
import com.sun.codemodel.JDefinedClass;
import com.sun.codemodel.JExpr;
import com.sun.codemodel.JFieldVar;
import com.sun.codemodel.JMethod;
import com.sun.codemodel.JMod;
import com.sun.codemodel.JPackage;
import com.sun.codemodel.JType;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Iterator;
import org.jsonschema2pojo.Schema;
import org.jsonschema2pojo.SchemaStore;
import org.jsonschema2pojo.rules.ObjectRule;
import org.jsonschema2pojo.rules.Rule;
import org.jsonschema2pojo.rules.RuleFactory;
import org.jsonschema2pojo.util.ParcelableHelper;

/**
 * The jsonschema2pojo rule factory that makes the class generated for each schema file's root a
 * hectiqlab {@code ConfigTemplate}: it extends {@code io.hectiqlab.ConfigTemplate}, carries
 * {@code @TemplateSchema("<folder>/<file>")} (the schema as a classpath resource: the name of the
 * source directory, then the file's path inside it) and a static {@code help()}.
 *
 * <p>Two fallbacks keep every valid document bindable: an object with {@code patternProperties}
 * gets an untyped additional-properties map (jsonschema2pojo ignores the patterns), and {@code
 * format: date-time} stays a String (see {@link #getFormatRule()}).
 *
 * <p>Refs between schema files resolve offline: relative ones by path, http(s) ones to the source
 * file that declares that {@code $id} (see {@link #setSchemaStore}); nothing is fetched.
 *
 * <p>Use it with {@link TemplateAnnotator} and {@code annotationStyle=none}. Classes for nested
 * objects and {@code $defs} stay plain beans; a root that already declares {@code extends}, {@code
 * extendsJavaClass} or {@code existingJavaType} is left as the schema says.
 */
public class TemplateRuleFactory extends RuleFactory {
  static final String TEMPLATE = "io.hectiqlab.ConfigTemplate";
  static final String TEMPLATE_SCHEMA = "io.hectiqlab.TemplateSchema";

  /** Created by jsonschema2pojo, which then sets the configuration, annotator and store. */
  public TemplateRuleFactory() {}

  /**
   * Uses a store that resolves http(s) {@code $ref}s to the source schema files declaring those
   * {@code $id}s and refuses every other remote reference (jsonschema2pojo would fetch it); the
   * given store is replaced.
   */
  @Override
  public void setSchemaStore(SchemaStore schemaStore) {
    super.setSchemaStore(new LocalSchemaStore(getGenerationConfig(), getLogger()));
  }

  @Override
  public Rule<JPackage, JType> getObjectRule() {
    return new TemplateObjectRule(this);
  }

  /**
   * Types a tuple ({@code prefixItems}, which jsonschema2pojo does not read) by its item schema
   * when all positions share one; otherwise the list stays {@code List<Object>}.
   */
  @Override
  public Rule<JPackage, JClass> getArrayRule() {
    Rule<JPackage, JClass> standard = super.getArrayRule();
    return (nodeName, node, parent, pkg, schema) -> {
      JsonNode prefix = node.get("prefixItems");
      JsonNode items = node.get("items");
      if (prefix != null
          && prefix.isArray()
          && prefix.size() > 0
          && (items == null || items.isBoolean())
          && allEqual(prefix)) {
        ObjectNode copy = ((ObjectNode) node).deepCopy();
        copy.set("items", prefix.get(0));
        return standard.apply(nodeName, copy, parent, pkg, schema);
      }
      return standard.apply(nodeName, node, parent, pkg, schema);
    };
  }

  private static boolean allEqual(JsonNode array) {
    for (JsonNode n : array) {
      if (!n.equals(array.get(0))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Leaves a field without an initializer when its Java type is {@code Object} or a collection of
   * {@code Object}: jsonschema2pojo would write {@code null}s for the default's values. The
   * schema's default still applies when the object becomes a Config.
   */
  @Override
  public Rule<JFieldVar, JFieldVar> getDefaultRule() {
    Rule<JFieldVar, JFieldVar> standard = super.getDefaultRule();
    return (nodeName, node, parent, field, schema) -> {
      JType type = field.type();
      boolean untyped = type.fullName().equals(Object.class.getName());
      if (type instanceof JClass c && !c.getTypeParameters().isEmpty()) {
        untyped |=
            c.getTypeParameters()
                .get(c.getTypeParameters().size() - 1)
                .fullName()
                .equals(Object.class.getName());
      }
      return untyped ? field : standard.apply(nodeName, node, parent, field, schema);
    };
  }

  /**
   * Keeps {@code format: date-time} text as a String unless a date-time type is configured:
   * jsonschema2pojo's default, {@code java.util.Date}, rewrites the text (and its zone) on the way
   * back out, so a config would not round-trip.
   */
  @Override
  public Rule<JType, JType> getFormatRule() {
    Rule<JType, JType> standard = super.getFormatRule();
    return (nodeName, node, parent, baseType, schema) -> {
      if ("date-time".equals(node.asText())
          && getGenerationConfig().getDateTimeType() == null
          && !getGenerationConfig().isUseJodaDates()) {
        return baseType.owner().ref(String.class);
      }
      return standard.apply(nodeName, node, parent, baseType, schema);
    };
  }

  private static final class TemplateObjectRule extends ObjectRule {
    private final TemplateRuleFactory factory;

    TemplateObjectRule(TemplateRuleFactory factory) {
      super(factory, new ParcelableHelper(), factory.getReflectionHelper());
      this.factory = factory;
    }

    @Override
    public JType apply(
        String nodeName, JsonNode node, JsonNode parent, JPackage pkg, Schema schema) {
      String resource = isFileRoot(schema) && node.isObject() ? factory.resourceOf(schema) : null;
      boolean template =
          resource != null
              && !node.has("extends")
              && !node.has("extendsJavaClass")
              && !node.has("existingJavaType");
      JsonNode effective = node;
      boolean patterned = node.has("patternProperties") && node.has("additionalProperties");
      if (template || patterned) {
        ObjectNode copy = ((ObjectNode) node).deepCopy();
        if (template) {
          copy.put("extendsJavaClass", TEMPLATE);
        }
        if (patterned) {
          // jsonschema2pojo ignores patternProperties: keys they allow would find no field and,
          // with additionalProperties false or typed, no map either. An untyped map holds them;
          // the schema still checks them.
          copy.remove("additionalProperties");
        }
        effective = copy;
      }
      JType type = super.apply(nodeName, effective, parent, pkg, schema);
      if (template
          && type instanceof JDefinedClass c
          && c._extends().fullName().equals(TEMPLATE)
          && !hasAnnotation(c, TEMPLATE_SCHEMA)) {
        link(c, resource);
      }
      return type;
    }

    private static void link(JDefinedClass c, String resource) {
      c.annotate(c.owner().ref(TEMPLATE_SCHEMA)).param("value", resource);
      JClass base = c.owner().ref(TEMPLATE);
      JMethod help = c.method(JMod.PUBLIC | JMod.STATIC, String.class, "help");
      help.body()._return(base.staticInvoke("help").arg(JExpr.dotclass(c)));
      help.javadoc()
          .add("Returns this template's help (one entry per property: type and description),");
      help.javadoc().add(" the same JSON text as {@code ConfigSchema.help()}.");
      help.javadoc().addReturn().add("the help as JSON text");
      c.javadoc()
          .add(
              "\n<p>A hectiqlab ConfigTemplate generated from {@code "
                  + resource
                  + "}: {@code toConfig()} and {@code validate()} check the whole schema.");
    }

    private static boolean hasAnnotation(JDefinedClass c, String name) {
      for (JAnnotationUse a : c.annotations()) {
        if (a.getAnnotationClass().fullName().equals(name)) {
          return true;
        }
      }
      return false;
    }

    private static boolean isFileRoot(Schema schema) {
      URI id = schema.getId();
      if (id == null || !"file".equals(id.getScheme())) {
        return false;
      }
      String fragment = id.getFragment();
      return fragment == null || fragment.isEmpty() || fragment.equals("/");
    }
  }

  /**
   * The classpath resource name of a schema file: the name of the source directory that holds it,
   * then its path inside that directory; null when it lies outside every source.
   */
  String resourceOf(Schema schema) {
    File file = toFile(schema.getId());
    if (file == null) {
      return null;
    }
    for (Iterator<URL> sources = getGenerationConfig().getSource(); sources.hasNext(); ) {
      File source;
      try {
        source = toFile(sources.next().toURI());
      } catch (URISyntaxException e) {
        continue;
      }
      if (source == null) {
        continue;
      }
      File dir = source.isDirectory() ? source : source.getParentFile();
      if (dir == null || dir.getParentFile() == null) {
        continue;
      }
      String base = dir.getAbsoluteFile().toPath().normalize().toString();
      String path = file.getAbsoluteFile().toPath().normalize().toString();
      if (path.startsWith(base + File.separator)) {
        String inside = path.substring(base.length() + 1).replace(File.separatorChar, '/');
        return dir.getName() + "/" + inside;
      }
    }
    return null;
  }

  private static File toFile(URI uri) {
    if (uri == null || !"file".equals(uri.getScheme())) {
      return null;
    }
    try {
      return new File(new URI(uri.getScheme(), uri.getSchemeSpecificPart(), null));
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }
}
