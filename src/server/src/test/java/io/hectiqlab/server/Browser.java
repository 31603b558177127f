package io.hectiqlab.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian chromium driven through Debian's chromedriver (both paths set, so that Selenium
 * Manager never looks for or downloads anything), with a fresh profile and the flags that keep it
 * off the network. Screenshots go to {@code target/screenshots}. One per test class.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final Path profile;
  private final WebDriver driver;

  /** Starts chromium at 1280 x 900; fails, saying what to install, when it is missing. */
  Browser() throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException(
          "the web page tests need Debian's chromium and chromium-driver"
              + " (apt-get install chromium chromium-driver; .ci/run installs them)");
    }
    profile = Files.createTempDirectory("hectiqlab-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    width(1280);
  }

  WebDriver driver() {
    return driver;
  }

  /**
   * Runs {@code action} (a click or a key that submits a form or follows a link) and returns once
   * the browser has left the page it was on and loaded the next one. A click returns before the
   * navigation it starts, so reading the page straight after it may read the old page.
   */
  void navigate(Runnable action) {
    WebElement old = driver.findElement(By.tagName("html"));
    action.run();
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    wait.until(ExpectedConditions.stalenessOf(old));
    wait.until(
        d ->
            "complete"
                .equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
  }

  /** Resizes the window to {@code px} wide (900 high). */
  void width(int px) {
    driver.manage().window().setSize(new Dimension(px, 900));
  }

  /** Saves a screenshot of the window as {@code target/screenshots/NAME.png}. */
  Path screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
    Path to = SCREENSHOTS.resolve(name + ".png");
    Files.move(shot, to, StandardCopyOption.REPLACE_EXISTING);
    return to;
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
