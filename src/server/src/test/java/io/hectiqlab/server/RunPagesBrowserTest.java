package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hectiqlab.internal.Sha256;
import io.hectiqlab.server.Store.ProjectRef;
import io.hectiqlab.server.Store.TemplateKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The run pages in headless chromium against the real server: sign in through the form, the runs
 * table, a filter typed in its box, a run's config folded and unfolded, a diff of two versions, and
 * a comparison with "Differences only". Screenshots under {@code target/screenshots}.
 */
class RunPagesBrowserTest {
  static final String KEY = "hql_runs_browser_admin_key_0123456789";
  static final ProjectRef DEMO = new ProjectRef("lab", "demo");
  static final String SCHEMA =
      "{\"type\":\"object\",\"properties\":{"
          + "\"optimizer\":{\"type\":\"object\",\"description\":\"How the weights move\","
          + "\"properties\":{"
          + "\"lr\":{\"type\":\"number\",\"description\":\"Learning rate\",\"default\":0.01},"
          + "\"name\":{\"type\":\"string\",\"description\":\"Optimizer\",\"default\":\"adam\"}}},"
          + "\"epochs\":{\"type\":\"integer\",\"description\":\"Passes over the data\"},"
          + "\"layers\":{\"type\":\"array\",\"items\":{\"type\":\"integer\"}}}}";

  @TempDir static Path dir;
  static LabServer lab;
  static Browser browser;
  static WebDriver d;
  static String base;

  @BeforeAll
  static void start() throws Exception {
    JdbcStore store = JdbcStore.open("sqlite:" + dir.resolve("lab.db"));
    seed(store);
    lab = LabServer.start(store, "127.0.0.1", 0);
    browser = new Browser();
    d = browser.driver();
    base = "http://127.0.0.1:" + lab.port();
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      browser.close();
    } finally {
      lab.close();
    }
  }

  /** Signs in through the form when the browser is not signed in yet, then opens {@code path}. */
  private static void open(String path) {
    d.get(base + path);
    if (d.getCurrentUrl().contains("/ui/sign-in")) {
      byLabel(d, "API key").sendKeys(KEY);
      browser.navigate(() -> button(d, "Sign in").click());
      waitFor(d, path);
    }
  }

  private static void seed(JdbcStore store) {
    store.createUser("admin", true);
    store.addKey("admin", KEY);
    store.createProject(DEMO);
    TemplateKey t =
        store
            .publishTemplate(DEMO, "train", SCHEMA, Sha256.hex(SCHEMA), "admin", 0)
            .version()
            .key();
    String[] lrs = {"0.1", "0.02", "0.005", "0.001", "0.0005"};
    for (int i = 0; i < lrs.length; i++) {
      String slug = "resnet-" + (i + 1);
      store.openRun(DEMO, slug, "ResNet " + (i + 1) + (i == 0 ? " <script>x()</script>" : ""));
      store.addConfig(
          DEMO,
          slug,
          "{\"optimizer\":{\"lr\":"
              + lrs[i]
              + ",\"name\":\"adam\"},\"epochs\":10,\"layers\":[64,64]}",
          null,
          t);
      store.addConfig(
          DEMO,
          slug,
          "{\"optimizer\":{\"lr\":"
              + lrs[i]
              + ",\"name\":\"sgd\"},\"epochs\":"
              + (10 + i)
              + ",\"layers\":[64,128,256],\"dropout\":null}",
          null,
          t);
      store.putMeta(
          DEMO,
          slug,
          Map.of("accuracy", String.format(java.util.Locale.ROOT, "%.2f", 0.8 + i * 0.03)));
    }
  }

  private static WebElement byLabel(WebDriver d, String label) {
    WebElement l = d.findElement(By.xpath("//label[normalize-space()='" + label + "']"));
    return d.findElement(By.id(l.getAttribute("for")));
  }

  private static WebElement button(WebDriver d, String text) {
    return d.findElement(By.xpath("//button[normalize-space()='" + text + "']"));
  }

  private static void waitFor(WebDriver d, String urlPart) {
    new WebDriverWait(d, Duration.ofSeconds(20)).until(x -> x.getCurrentUrl().contains(urlPart));
  }

  @Test
  void theSignInFormLeadsToTheRunsTableWhichFiltersAndTicksRunsToCompare() throws Exception {
    d.manage().deleteAllCookies();
    // signing in through the form leads back to the runs page asked for
    d.get(base + "/ui/lab/demo");
    waitFor(d, "/ui/sign-in");
    byLabel(d, "API key").sendKeys(KEY);
    browser.navigate(() -> button(d, "Sign in").click());
    waitFor(d, "/ui/lab/demo");
    assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("lab/demo");
    List<WebElement> rows = d.findElements(By.cssSelector("table.runs tbody tr"));
    assertThat(rows).hasSize(5);
    assertThat(d.getPageSource()).doesNotContain("<script>x()");
    assertThat(d.findElement(By.cssSelector("th[aria-sort]")).getAttribute("aria-sort"))
        .isEqualTo("descending");
    // two columns picked through the form's "Add a column" field
    for (String column : List.of("config.optimizer.lr", "meta.accuracy")) {
      byLabel(d, "Add a column").sendKeys(column);
      browser.navigate(() -> button(d, "Apply").click());
      new WebDriverWait(d, Duration.ofSeconds(20))
          .until(
              x ->
                  x.findElements(By.cssSelector("table.runs thead th")).stream()
                      .anyMatch(th -> th.getText().equals(column)));
    }
    assertThat(d.getCurrentUrl()).contains("column=config.optimizer.lr&column=meta.accuracy");
    assertThat(d.findElement(By.xpath("//tr[th/a[text()='ResNet 3']]/td[last()-1]")).getText())
        .isEqualTo("0.005");
    browser.screenshot("runs");
    browser.width(400);
    browser.screenshot("runs-400");
    browser.width(1280);

    // a filter typed in the box: the URL keeps it, the table keeps the matching runs
    WebElement filter = byLabel(d, "Filter");
    WebElement typed = filter;
    browser.navigate(
        () -> typed.sendKeys("config.optimizer.lr < 0.01 and meta.accuracy >= 0.85", Keys.ENTER));
    waitFor(d, "filter=");
    rows = d.findElements(By.cssSelector("table.runs tbody tr"));
    assertThat(rows).hasSize(3);
    assertThat(d.findElements(By.linkText("ResNet 3"))).hasSize(1);
    assertThat(d.findElements(By.linkText("ResNet 2"))).isEmpty();

    // a bad filter says where it is wrong
    filter = byLabel(d, "Filter");
    filter.clear();
    WebElement retyped = filter;
    browser.navigate(() -> retyped.sendKeys("config.optimizer.lr <", Keys.ENTER));
    new WebDriverWait(d, Duration.ofSeconds(20))
        .until(x -> !x.findElements(By.id("filter-error")).isEmpty());
    assertThat(d.findElement(By.id("filter-error")).getText()).startsWith("filter: column 22:");
    assertThat(d.findElements(By.cssSelector("table.runs tbody tr"))).isEmpty();

    // compare: tick two runs by their names, press Compare, then keep the differences only
    d.get(base + "/ui/lab/demo");
    WebElement compare = button(d, "Compare");
    assertThat(compare.isEnabled()).isFalse(); // lab.js: 2 to 20 ticks
    for (String name : List.of("ResNet 2", "ResNet 4")) {
      String id = d.findElement(By.linkText(name)).getAttribute("id");
      d.findElement(By.cssSelector("input[aria-labelledby='" + id + "']")).click();
    }
    assertThat(compare.isEnabled()).isTrue();
    browser.navigate(compare::click);
    waitFor(d, "/compare?");
    assertThat(d.findElements(By.cssSelector("table.compare thead th"))).hasSize(3);
    int all = d.findElements(By.cssSelector("table.compare tbody tr")).size();
    assertThat(d.findElements(By.cssSelector("td.changed"))).isNotEmpty();
    byLabel(d, "Differences only").click();
    browser.navigate(() -> button(d, "Apply").click());
    waitFor(d, "only=differences");
    List<WebElement> differing = d.findElements(By.cssSelector("table.compare tbody tr"));
    assertThat(differing).hasSizeLessThan(all);
    assertThat(differing)
        .extracting(r -> r.findElement(By.tagName("th")).getText())
        .containsExactly("config.optimizer.lr", "config.epochs");
    browser.screenshot("compare");
  }

  @Test
  void aRunsConfigFoldsAndUnfoldsAndTwoOfItsVersionsDiffByPath() throws Exception {
    open("/ui/lab/demo/runs/resnet-2");
    // a run: the config tree folds and unfolds, descriptions from the template
    assertThat(d.findElement(By.id("config-tree")).getText()).contains("Learning rate");
    List<WebElement> details = d.findElements(By.cssSelector("#config-tree details"));
    assertThat(details).isNotEmpty().allMatch(e -> e.getAttribute("open") != null);
    button(d, "Fold all").click();
    assertThat(d.findElements(By.cssSelector("#config-tree details")))
        .allMatch(e -> e.getAttribute("open") == null);
    button(d, "Unfold all").click();
    assertThat(d.findElements(By.cssSelector("#config-tree details")))
        .allMatch(e -> e.getAttribute("open") != null);
    browser.screenshot("run");
    browser.width(400);
    browser.screenshot("run-400");
    browser.width(1280);

    // the diff of its two versions, by path
    WebElement from = byLabel(d, "From version");
    from.clear();
    from.sendKeys("1");
    WebElement to = byLabel(d, "To version");
    to.clear();
    to.sendKeys("2");
    browser.navigate(() -> button(d, "Show the diff").click());
    waitFor(d, "/diff?");
    List<String> changed =
        d.findElements(By.cssSelector("table.diff tbody tr")).stream()
            .map(r -> r.getAttribute("class") + " " + r.findElement(By.tagName("th")).getText())
            .toList();
    assertThat(changed)
        .containsExactly(
            "changed config.optimizer.name",
            "changed config.epochs",
            "changed config.layers.1",
            "added config.layers.2",
            "added config.dropout");
    browser.screenshot("diff");
  }
}
