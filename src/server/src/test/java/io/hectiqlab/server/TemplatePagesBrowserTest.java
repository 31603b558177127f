package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The template pages in a real headless chromium against the real server: sign in through the form,
 * the project's templates, a template's versions, a version's fields (at 1280 and 400 px), and the
 * compatibility report chosen through the versions page's form, with its witnesses. Screenshots go
 * to {@code target/screenshots}.
 */
class TemplatePagesBrowserTest {
  static final String ADMIN_KEY = "hql_template_browser_admin_key_0123456789";

  @TempDir static Path dir;
  static LabServer server;
  static String base;
  static String alice;

  @BeforeAll
  static void start() throws Exception {
    server =
        LabServer.start("sqlite:" + dir.resolve("lab.db"), "127.0.0.1", 0, ADMIN_KEY, System.out);
    base = "http://127.0.0.1:" + server.port();
    LabHttp lab = new LabHttp(server.port());
    alice = lab.user(ADMIN_KEY, "alice");
    lab.project(ADMIN_KEY, "ml/vision", "alice");
    assertThat(lab.post("/ml/vision/templates/training", alice, TemplatePagesTest.V1).status())
        .isEqualTo(201);
    lab.call("PUT", "/ml/vision/templates/training/mode", alice, "{\"mode\": \"none\"}");
    assertThat(lab.post("/ml/vision/templates/training", alice, TemplatePagesTest.V2).status())
        .isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aSignedInUserReadsTemplatesVersionsFieldsAndTheirCompatibility() throws Exception {
    try (Browser browser = new Browser()) {
      WebDriver d = browser.driver();

      // a page asked for before signing in comes back after it
      d.get(base + "/ui/ml/vision/templates");
      assertThat(d.getCurrentUrl()).contains("/ui/sign-in");
      WebElement label = d.findElement(By.xpath("//label[normalize-space()='API key']"));
      d.findElement(By.id(label.getAttribute("for"))).sendKeys(alice);
      browser.navigate(
          () -> d.findElement(By.xpath("//button[normalize-space()='Sign in']")).click());
      new WebDriverWait(d, Duration.ofSeconds(10))
          .until(ExpectedConditions.not(ExpectedConditions.urlContains("/ui/sign-in")));
      assertThat(d.getCurrentUrl())
          .as(d.getPageSource())
          .isEqualTo(base + "/ui/ml/vision/templates");
      assertThat(d.getPageSource()).doesNotContain(alice);

      // the templates
      heading(d, "Templates of ml/vision");
      assertThat(cells(d, "//table/tbody/tr[1]/*")).startsWith("training", "version 2", "none");
      browser.screenshot("templates");

      // a template's versions
      browser.navigate(() -> d.findElement(By.linkText("training")).click());
      heading(d, "Template training");
      assertThat(d.findElements(By.xpath("//table/tbody/tr"))).hasSize(2);
      assertThat(cells(d, "//table/tbody/tr[2]/*"))
          .startsWith("version 2")
          .endsWith("with version 1");

      // a version's fields: the rows of `hectiqlab help`, required marked, text escaped
      browser.navigate(() -> d.findElement(By.linkText("version 1")).click());
      heading(d, "Fields of lab:ml/vision/training@1");
      assertThat(cells(d, "//table/thead/tr/th"))
          .containsExactly("Field", "Type", "Required", "Default", "Constraints", "Description");
      assertThat(cells(d, "//table/tbody/tr[th[normalize-space()='lr']]/*"))
          .containsExactly(
              "lr", "number", "yes", "-", "<= 1", "learning rate <script>alert(1)</script>");
      assertThat(cells(d, "//table/tbody/tr[th[normalize-space()='a\\.b']]/*"))
          .containsExactly("a\\.b", "string", "-", "\"<i>x</i>\"", "-", "-");
      browser.screenshot("template-fields");

      // at 400 px the table scrolls inside its wrapper, not the page
      browser.width(400);
      assertThat(pageOverflow(d)).as("the page is no wider than the window").isLessThanOrEqualTo(0);
      assertThat(d.findElement(By.xpath("//table/tbody/tr[1]/th")).isDisplayed()).isTrue();
      browser.screenshot("template-fields-400");
      browser.width(1280);

      // two versions picked through the versions page's form
      browser.navigate(() -> d.findElement(By.linkText("All versions")).click());
      heading(d, "Template training");
      WebElement from = labelled(d, "From version");
      from.clear();
      from.sendKeys("1");
      WebElement to = labelled(d, "To version");
      to.clear();
      to.sendKeys("2");
      new Select(labelled(d, "Mode")).selectByVisibleText("backward");
      browser.navigate(
          () ->
              d.findElement(By.xpath("//button[normalize-space()='Check compatibility']")).click());
      heading(d, "Compatibility of training, version 1 to 2");
      assertThat(d.getCurrentUrl())
          .isEqualTo(base + "/ui/ml/vision/templates/training/compat?from=1&to=2&mode=backward");
      assertThat(d.findElement(By.cssSelector("p.verdict")).getText())
          .startsWith("Not compatible under mode backward");
      List<WebElement> witnesses = d.findElements(By.cssSelector("figure.witness"));
      assertThat(witnesses).isNotEmpty();
      assertThat(witnesses.get(0).findElement(By.tagName("figcaption")).getText())
          .containsPattern(
              "(Backward|Forward) witness of change [0-9]+: valid under lab:ml/vision/training@");
      assertThat(witnesses.get(0).findElement(By.tagName("code")).getText()).startsWith("{");
      browser.screenshot("template-compat");
    }
  }

  /**
   * Waits for the page whose one {@code <h1>} reads {@code text} (a click may still be loading).
   */
  private static void heading(WebDriver d, String text) {
    new WebDriverWait(d, Duration.ofSeconds(10))
        .until(ExpectedConditions.textToBe(By.tagName("h1"), text));
    assertThat(d.findElements(By.tagName("h1"))).hasSize(1);
  }

  private static List<String> cells(WebDriver d, String xpath) {
    return d.findElements(By.xpath(xpath)).stream().map(WebElement::getText).toList();
  }

  /** The input a label names, found through the label's {@code for}. */
  private static WebElement labelled(WebDriver d, String text) {
    WebElement label = d.findElement(By.xpath("//label[normalize-space()='" + text + "']"));
    return d.findElement(By.id(label.getAttribute("for")));
  }

  /** By how many pixels the page is wider than the window (0 or less: no sideways scrolling). */
  private static long pageOverflow(WebDriver d) {
    Object px =
        ((JavascriptExecutor) d)
            .executeScript(
                "return document.documentElement.scrollWidth"
                    + " - document.documentElement.clientWidth;");
    return ((Number) px).longValue();
  }
}
