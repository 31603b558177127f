package io.hectiqlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * {@code validate --format junit}: a JUnit XML report that the JDK's XML parser reads (namespace
 * aware, no DTDs) and that conforms to the Ant/Jenkins report structure ({@code reports/junit.xsd}
 * in the test resources), with one test case per config file.
 */
class JUnitFormatIT {
  static Schema junitSchema;

  @TempDir Path dir;
  Cli cli;

  @BeforeAll
  static void loadSchema() throws Exception {
    SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    URL xsd = JUnitFormatIT.class.getResource("/reports/junit.xsd");
    junitSchema = factory.newSchema(xsd);
  }

  @BeforeEach
  void configs() {
    cli = new Cli(dir, Map.of());
    ReportFixtures.write(dir);
  }

  /** Parses the report the way a CI server should: namespace aware, DTDs refused. */
  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    DocumentBuilder builder = factory.newDocumentBuilder();
    builder.setErrorHandler(null);
    return builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  static void conforms(String xml) throws Exception {
    junitSchema.newValidator().validate(new StreamSource(new StringReader(xml)));
  }

  static List<Element> children(Node parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getLocalName().equals(name)) {
        out.add(e);
      }
    }
    return out;
  }

  Cli.Result junit(String... inputs) {
    List<String> args =
        new ArrayList<>(List.of("validate", "-t", ReportFixtures.TEMPLATE, "--format", "junit"));
    args.addAll(List.of(inputs));
    return cli.run(args.toArray(String[]::new));
  }

  @Test
  void oneTestCasePerFileWithFailuresForInvalidFilesAndErrorsForUnparsableOnes() throws Exception {
    Cli.Result r = junit("configs");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).isEmpty();
    conforms(r.out());
    Element root = parse(r.out()).getDocumentElement();
    assertThat(root.getLocalName()).isEqualTo("testsuites");
    assertThat(root.getNamespaceURI()).isNull();
    assertThat(root.getAttribute("tests")).isEqualTo("5");
    assertThat(root.getAttribute("failures")).isEqualTo("2");
    assertThat(root.getAttribute("errors")).isEqualTo("2");

    List<Element> suites = children(root, "testsuite");
    assertThat(suites).hasSize(1);
    Element suite = suites.get(0);
    assertThat(suite.getAttribute("name")).isEqualTo(ReportFixtures.TEMPLATE);
    assertThat(suite.getAttribute("tests")).isEqualTo("5");
    assertThat(suite.getAttribute("failures")).isEqualTo("2");
    assertThat(suite.getAttribute("errors")).isEqualTo("2");
    assertThat(suite.getAttribute("skipped")).isEqualTo("0");

    List<Element> cases = children(suite, "testcase");
    assertThat(cases)
        .extracting(c -> c.getAttribute("name"))
        .containsExactly(
            "configs/a.yaml",
            "configs/b,x.json",
            "configs/bad.yaml",
            "configs/e.json",
            "configs/lr.yaml");
    assertThat(cases).allMatch(c -> c.getAttribute("classname").equals("hectiqlab.validate"));
    assertThat(cases)
        .extracting(c -> children(c, "failure").size() + "/" + children(c, "error").size())
        .containsExactly("0/0", "1/0", "0/1", "0/1", "1/0");
    assertThat(cases.get(0).getChildNodes().getLength()).isZero();

    Element lr = children(cases.get(4), "failure").get(0);
    assertThat(lr.getAttribute("type")).isEqualTo("invalid");
    assertThat(lr.getAttribute("message"))
        .isEqualTo(
            "configs/lr.yaml:1:1: (root): missing required property 'name' (required) (and 2"
                + " more)");
    assertThat(lr.getTextContent())
        .isEqualTo(
            "configs/lr.yaml:1:1: (root): missing required property 'name' (required)\n"
                + "configs/lr.yaml:1:5: /lr: must be at most 1 (maximum)\n"
                + "configs/lr.yaml:3:3: /optimizer: must match exactly one of 2 alternatives but"
                + " matches none; closest is alternative 2, where kind is \"adam\" (oneOf)\n"
                + "  configs/lr.yaml:4:9: /optimizer/beta: must be at most 1 (maximum)");

    Element bad = children(cases.get(2), "error").get(0);
    assertThat(bad.getAttribute("type")).isEqualTo("syntax");
    assertThat(bad.getAttribute("message"))
        .isEqualTo(
            "configs/bad.yaml:2:1: (root): invalid YAML: expected the node content, but found"
                + " '<stream end>' (while parsing a flow node at line 2, column 1) (syntax)");
    Element empty = children(cases.get(3), "error").get(0);
    assertThat(empty.getAttribute("message"))
        .isEqualTo("configs/e.json: (root): empty document: expected a value (syntax)");
  }

  @Test
  void markupQuotesAndCharactersXmlDoesNotAllowNeverReachTheReport() throws Exception {
    // A file name with every markup character, a key with a C0 control, U+FFFE and U+FFFF.
    String name = "q&<\"'>.json";
    Files.writeString(dir.resolve(name), "{\"name\": \"x\", \"k\\u0001\\ufffe\\uffff&]]>\": 1}\n");
    Cli.Result r = junit(name);
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).doesNotContain("\u0001", "\ufffe", "\uffff", "]]>");
    conforms(r.out());
    Element testcase =
        children(children(parse(r.out()).getDocumentElement(), "testsuite").get(0), "testcase")
            .get(0);
    assertThat(testcase.getAttribute("name")).isEqualTo(name);
    Element failure = children(testcase, "failure").get(0);
    String shown = "k\\u0001\ufffd\ufffd&]]>";
    assertThat(failure.getAttribute("message"))
        .isEqualTo(
            name
                + ":1:15: /"
                + shown
                + ": unknown property '"
                + shown
                + "' (additionalProperties)");
    assertThat(failure.getTextContent()).isEqualTo(failure.getAttribute("message"));
  }

  @Test
  void theSchemaOfTheReportRejectsWhatCiServersCannotRead() {
    // The XSD is not vacuous: a test case without a classname, or with a count that is not one.
    assertThatThrownBy(
            () ->
                conforms(
                    "<testsuites><testsuite name=\"t\" tests=\"1\" failures=\"0\""
                        + " errors=\"0\"><testcase name=\"a\"/></testsuite></testsuites>"))
        .isInstanceOf(SAXException.class)
        .hasMessageContaining("classname");
    assertThatThrownBy(
            () ->
                conforms(
                    "<testsuites><testsuite name=\"t\" tests=\"one\" failures=\"0\""
                        + " errors=\"0\"/></testsuites>"))
        .isInstanceOf(SAXException.class)
        .hasMessageContaining("one");
  }

  @Test
  void aReportOfValidFilesHasNoFailuresAndExitsZero() throws Exception {
    Cli.Result r = junit("configs/a.yaml");
    assertThat(r.code()).isZero();
    conforms(r.out());
    assertThat(r.out())
        .isEqualTo(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuites name=\"hectiqlab validate\" tests=\"1\" failures=\"0\""
                + " errors=\"0\">\n"
                + "  <testsuite name=\"training.schema.json\" tests=\"1\" failures=\"0\""
                + " errors=\"0\" skipped=\"0\">\n"
                + "    <testcase name=\"configs/a.yaml\" classname=\"hectiqlab.validate\"/>\n"
                + "  </testsuite>\n"
                + "</testsuites>\n");
  }

  @Test
  void aTruncatedFileSaysSoInItsFailure() throws Exception {
    ReportFixtures.writeTruncated(dir);
    Cli.Result r = junit("many.yaml");
    conforms(r.out());
    Element failure =
        children(
                children(
                        children(parse(r.out()).getDocumentElement(), "testsuite").get(0),
                        "testcase")
                    .get(0),
                "failure")
            .get(0);
    assertThat(failure.getAttribute("message"))
        .isEqualTo("many.yaml:3:5: /steps/0: must be integer, found string (type) (and more)");
    assertThat(failure.getTextContent().lines()).hasSize(101);
    assertThat(failure.getTextContent()).endsWith("\nmany.yaml: more violations not shown");
  }
}
