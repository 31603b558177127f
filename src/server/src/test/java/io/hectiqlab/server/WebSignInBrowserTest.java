package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Signing in and out in a real headless chromium against the real server: through the form by its
 * label and button, then by keyboard only; the projects page at 1280 and 400 px wide (screenshots
 * {@code sign-in}, {@code projects}, {@code projects-400} under {@code target/screenshots}).
 */
class WebSignInBrowserTest {
  static final String ADMIN_KEY = "hql_browser_admin_key_0123456789";

  @TempDir static Path dir;
  static LabServer server;
  static Browser browser;
  static String aliceKey;

  @BeforeAll
  static void start() throws Exception {
    server =
        LabServer.start("sqlite:" + dir.resolve("lab.db"), "127.0.0.1", 0, ADMIN_KEY, System.out);
    LabHttp http = new LabHttp(server.port());
    aliceKey = http.user(ADMIN_KEY, "alice");
    http.project(ADMIN_KEY, "lab/demo", "alice");
    http.project(ADMIN_KEY, "vision/resnet-sweeps", "alice");
    http.project(ADMIN_KEY, "other/secret");
    browser = new Browser();
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      server.close();
    }
  }

  static String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  static WebDriver driver() {
    return browser.driver();
  }

  static Object js(String script) {
    return ((JavascriptExecutor) driver()).executeScript(script);
  }

  static void waitForPath(String path) {
    new WebDriverWait(driver(), Duration.ofSeconds(10))
        .until(ExpectedConditions.urlMatches("^" + java.util.regex.Pattern.quote(url(path)) + "$"));
  }

  /** The input a label names, found through the label's {@code for}. */
  static WebElement labelled(String label) {
    WebElement l = driver().findElement(By.xpath("//label[normalize-space()='" + label + "']"));
    return driver().findElement(By.id(l.getAttribute("for")));
  }

  static WebElement button(String text) {
    return driver().findElement(By.xpath("//button[normalize-space()='" + text + "']"));
  }

  @Test
  void signingInThroughTheFormShowsTheProjectsAndSigningOutEndsIt() throws Exception {
    browser.width(1280);
    driver().manage().deleteAllCookies();
    driver().get(url("/ui/"));
    waitForPath("/ui/sign-in");
    assertThat(driver().findElement(By.tagName("h1")).getText()).isEqualTo("Sign in");
    WebElement key = labelled("API key");
    assertThat(key.getAttribute("type")).isEqualTo("password");
    // the style sheet loaded under the page's CSP: the header has its panel colour
    assertThat(driver().findElement(By.tagName("header")).getCssValue("background-color"))
        .isEqualTo("rgba(246, 248, 250, 1)");
    browser.screenshot("sign-in");

    key.sendKeys(aliceKey);
    browser.navigate(() -> button("Sign in").click());
    waitForPath("/ui/");
    assertThat(driver().findElement(By.tagName("h1")).getText()).isEqualTo("Projects");
    assertThat(driver().findElements(By.cssSelector("main a")))
        .extracting(WebElement::getText)
        .containsExactly("lab/demo", "vision/resnet-sweeps");
    assertThat(driver().getPageSource()).doesNotContain(aliceKey);
    assertThat((String) js("return document.cookie")).doesNotContain("hectiqlab_session");
    assertThat(driver().manage().getCookieNamed(Web.SESSION_COOKIE).isHttpOnly()).isTrue();
    assertThat(
            (Boolean)
                js(
                    "return performance.getEntriesByType('resource')"
                        + ".some(e => e.name.includes('/ui/_static/lab.js'))"))
        .isTrue();
    assertThat(overflowsSideways()).isFalse();
    browser.screenshot("projects");

    browser.width(400);
    driver().navigate().refresh();
    assertThat(driver().findElement(By.tagName("h1")).getText()).isEqualTo("Projects");
    assertThat(overflowsSideways()).as("the page fits 400 px").isFalse();
    assertThat(button("Sign out").isDisplayed()).isTrue();
    browser.screenshot("projects-400");
    browser.width(1280);

    browser.navigate(() -> driver().findElement(By.linkText("lab/demo")).click());
    waitForPath("/ui/lab/demo");
    browser.navigate(() -> button("Sign out").click());
    waitForPath("/ui/sign-in");
    assertThat(driver().manage().getCookieNamed(Web.SESSION_COOKIE)).isNull();
    driver().get(url("/ui/lab/demo"));
    waitForPath("/ui/sign-in?next=%2Fui%2Flab%2Fdemo");
  }

  @Test
  void theKeyboardAloneSignsInAndOutWithAVisibleFocusRing() throws Exception {
    browser.width(1280);
    driver().manage().deleteAllCookies();
    driver().get(url("/ui/sign-in?next=%2Fui%2F"));
    WebElement key = labelled("API key");
    Actions keys = new Actions(driver());
    for (int i = 0; i < 10 && !key.equals(driver().switchTo().activeElement()); i++) {
      keys.sendKeys(Keys.TAB).perform();
    }
    assertThat(driver().switchTo().activeElement()).isEqualTo(key);
    assertThat(key.getCssValue("outline-style")).isEqualTo("solid");
    keys.sendKeys(aliceKey).sendKeys(Keys.TAB).perform();
    WebElement signIn = driver().switchTo().activeElement();
    assertThat(signIn.getText()).isEqualTo("Sign in");
    assertThat(signIn.getCssValue("outline-style")).isEqualTo("solid");
    browser.navigate(() -> keys.sendKeys(Keys.ENTER).perform());
    waitForPath("/ui/");
    assertThat(driver().findElement(By.tagName("h1")).getText()).isEqualTo("Projects");

    WebElement signOut = button("Sign out");
    for (int i = 0; i < 20 && !signOut.equals(driver().switchTo().activeElement()); i++) {
      keys.sendKeys(Keys.TAB).perform();
    }
    assertThat(driver().switchTo().activeElement()).isEqualTo(signOut);
    browser.navigate(() -> keys.sendKeys(Keys.ENTER).perform());
    waitForPath("/ui/sign-in");
  }

  @Test
  void aWrongKeyShowsTheFormAgainSayingSo() throws Exception {
    driver().manage().deleteAllCookies();
    driver().get(url("/ui/sign-in"));
    labelled("API key").sendKeys("hql_<script>not-a-key</script>");
    browser.navigate(() -> button("Sign in").click());
    WebElement alert = driver().findElement(By.cssSelector("[role=alert]"));
    assertThat(alert.getText()).isEqualTo("API key: this key is not valid, or it has been revoked");
    assertThat(labelled("API key").getAttribute("value")).isEmpty();
    assertThat(driver().getPageSource()).doesNotContain("not-a-key");
  }

  @Test
  void theScriptFoldsAllDetailsAndEnablesCompareOnlyFor2To20Ticks() throws Exception {
    browser.width(1280);
    signInThroughTheForm();
    // a config tree and a compare form as the run pages write them, then the script once more
    js(
        "const m = document.querySelector('main');"
            + "m.insertAdjacentHTML('beforeend', '<div class=\"tree\" data-fold>"
            + "<details><summary>optimizer</summary><details><summary>schedule</summary>"
            + "<div class=\"leaf\">warmup</div></details></details>"
            + "<details open><summary>data</summary></details></div>');"
            + "let f = '<form class=\"compare\" id=\"compare-form\" method=\"get\">';"
            + "for (let i = 1; i <= 21; i++) {"
            + "  f += '<input type=\"checkbox\" name=\"run\" value=\"r' + i + '\" id=\"r' + i"
            + "    + '\"><label for=\"r' + i + '\">run ' + i + '</label>';"
            + "}"
            + "m.insertAdjacentHTML('beforeend', f + '<button type=\"submit\">Compare</button>"
            + "</form>');"
            + "const s = document.createElement('script');"
            + "s.src = '/ui/_static/lab.js'; document.body.appendChild(s);");
    new WebDriverWait(driver(), Duration.ofSeconds(10))
        .until(d -> !d.findElements(By.cssSelector(".fold-controls")).isEmpty());
    button("Unfold all").click();
    assertThat(
            js("return [...document.querySelectorAll('[data-fold] details')].every(d => d.open)"))
        .isEqualTo(true);
    assertThat(driver().findElement(By.xpath("//div[@class='leaf']")).isDisplayed()).isTrue();
    button("Fold all").click();
    assertThat(js("return [...document.querySelectorAll('[data-fold] details')].some(d => d.open)"))
        .isEqualTo(false);

    WebElement compare = button("Compare");
    assertThat(compare.isEnabled()).as("no run ticked").isFalse();
    driver().findElement(By.id("r1")).click();
    assertThat(compare.isEnabled()).as("one run ticked").isFalse();
    driver().findElement(By.xpath("//label[normalize-space()='run 2']")).click();
    assertThat(compare.isEnabled()).as("two runs ticked").isTrue();
    for (int i = 3; i <= 20; i++) {
      driver().findElement(By.id("r" + i)).click();
    }
    assertThat(compare.isEnabled()).as("twenty runs ticked").isTrue();
    driver().findElement(By.id("r21")).click();
    assertThat(compare.isEnabled()).as("21 runs ticked").isFalse();
    assertThat(driver().findElement(By.cssSelector(".compare-count")).getText())
        .isEqualTo("21 ticked (at most 20)");
  }

  @Test
  void aWideTableScrollsInsideItsWrapperAt400Pixels() throws Exception {
    browser.width(400);
    signInThroughTheForm();
    js(
        "let row = '';"
            + "for (let i = 0; i < 30; i++) { row += '<td>config.optimizer.value_' + i + '</td>'; }"
            + "document.querySelector('main').insertAdjacentHTML('beforeend',"
            + " '<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Wide\">"
            + "<table><caption>Wide</caption><tbody><tr>' + row + '</tr></tbody></table></div>');");
    WebElement wrap = driver().findElement(By.cssSelector(".table-wrap"));
    assertThat(overflowsSideways()).as("the page itself fits 400 px").isFalse();
    assertThat(
            (Boolean)
                js(
                    "const w = document.querySelector('.table-wrap');"
                        + " return w.scrollWidth > w.clientWidth"))
        .as("the table scrolls inside its wrapper")
        .isTrue();
    assertThat(wrap.getCssValue("overflow-x")).isEqualTo("auto");
    browser.width(1280);
  }

  /** Signs alice in through the form (a fresh browser state) and waits for the projects page. */
  static void signInThroughTheForm() {
    driver().manage().deleteAllCookies();
    driver().get(url("/ui/sign-in"));
    labelled("API key").sendKeys(aliceKey);
    browser.navigate(() -> button("Sign in").click());
    waitForPath("/ui/");
  }

  /** Whether the page is wider than the window (anything wide must scroll in its wrapper). */
  static boolean overflowsSideways() {
    return (Boolean) js("return document.documentElement.scrollWidth > window.innerWidth");
  }
}
