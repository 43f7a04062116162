package dev.audience.testing;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The browser harness itself: a page from a loopback server, a click, text changed by the page's script. */
class BrowserSmokeTest {
    private static final byte[] PAGE = """
            <!doctype html>
            <title>smoke</title>
            <p id="text">before</p>
            <button id="go">Go</button>
            <script>
              // Later than the click returns, so the test has to wait for it.
              document.getElementById('go').addEventListener('click', () =>
                setTimeout(() => { document.getElementById('text').textContent = 'clicked'; }, 100));
            </script>
            """.getBytes(StandardCharsets.UTF_8);

    @Test
    void clickingTheButtonChangesTheText() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, PAGE.length);
                exchange.getResponseBody().write(PAGE);
            }
        });
        server.start();
        try (Browser browser = new Browser()) {
            browser.driver().get("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            assertThat(browser.driver().findElement(By.id("text")).getText()).isEqualTo("before");

            browser.driver().findElement(By.id("go")).click();

            browser.waitUntil(ExpectedConditions.textToBe(By.id("text"), "clicked"));
            assertThat(browser.driver().findElement(By.id("text")).getText()).isEqualTo("clicked");
        } finally {
            server.stop(0);
        }
    }
}
