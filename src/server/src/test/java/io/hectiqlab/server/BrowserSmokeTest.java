package io.hectiqlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

class BrowserSmokeTest {
  @Test
  void projectsPageRendersInChromium(@TempDir Path dir) throws Exception {
    try (LabServer lab =
            LabServer.start(
                "sqlite:" + dir.resolve("lab.db"),
                "127.0.0.1",
                0,
                "hql_smoke_admin_key_0123456789",
                System.out);
        Browser browser = new Browser()) {
      browser.driver().get("http://127.0.0.1:" + lab.port() + "/ui/no/such");
      assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isNotEmpty();
      assertThat(browser.screenshot("smoke")).exists();
    }
  }
}
