package dev.audience.testing;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver: both paths are given, so Selenium Manager
 * never looks for (or downloads) a browser or driver. Each Browser has its own fresh profile directory,
 * deleted on close. Where chromium or chromedriver is missing the test fails saying so, or, with
 * AUDIENCE_SKIP_BROWSER=1, is skipped saying so.
 */
public final class Browser implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Selenium warns when it has no DevTools (CDP) module for this chromium's version; we drive it by WebDriver
     *  alone, so that warning says nothing about our tests. Held here: the JDK keeps loggers only weakly. */
    private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
    }

    private final Path profile;
    private final ChromeDriver driver;

    public Browser() {
        requireInstalled();
        try {
            profile = Files.createTempDirectory("audience-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // As root with no network: no sandbox, and none of chromium's own calls home (the machine refuses them).
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            deleteProfile();
            throw e;
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Waits (up to 10 s, polling) until the condition gives a value that is neither null nor false; returns it. */
    public <T> T waitUntil(Function<? super WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    /**
     * The whole page as a PNG, {@code width} CSS pixels wide: the window is made as tall as the page (at most 4,000
     * pixels) for the shot and given back its size after.
     */
    public void screenshot(Path file, int width) {
        Dimension before = driver.manage().window().getSize();
        try {
            driver.manage().window().setSize(new Dimension(width, 800));
            JavascriptExecutor js = (JavascriptExecutor) driver;
            long height = ((Number) js.executeScript("return Math.ceil(document.documentElement.scrollHeight)")).longValue();
            // the window's own frame (even headless) is not part of the page: add it, so that the page fits whole
            long frame = ((Number) js.executeScript("return window.outerHeight - window.innerHeight")).longValue();
            driver.manage().window().setSize(new Dimension(width, (int) (Math.max(600, Math.min(4000, height)) + frame)));
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit(); // also stops chromedriver
        } finally {
            deleteProfile();
        }
    }

    private static void requireInstalled() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(CHROMIUM)) missing.add(CHROMIUM.toString());
        if (!Files.isExecutable(CHROMEDRIVER)) missing.add(CHROMEDRIVER.toString());
        if (missing.isEmpty()) return;
        String what = String.join(" and ", missing) + " missing (Debian's chromium and chromium-driver: "
                + "apt-get install chromium chromium-driver, which ./audience test does as root)";
        if ("1".equals(System.getenv("AUDIENCE_SKIP_BROWSER"))) {
            String reason = "browser test skipped (AUDIENCE_SKIP_BROWSER=1): " + what;
            System.err.println(reason); // Surefire's summary counts skipped tests but does not say why
            Assumptions.abort(reason);
        }
        throw new IllegalStateException(what + "; AUDIENCE_SKIP_BROWSER=1 skips the browser tests instead");
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the browser profile " + profile, e);
        }
    }
}
