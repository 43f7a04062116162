package dev.audience.http.console;

import dev.audience.testing.Backend;
import dev.audience.testing.Browser;
import dev.audience.testing.TestServer;
import dev.audience.user.ConsoleUser;
import dev.audience.user.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.audience.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account, user and segment change pages in a real browser 375 CSS pixels wide (a phone), used with the keyboard
 * alone: nothing wider than the screen, a label for every field, a visible focus on whatever the Tab key reaches.
 */
class ConsolePhoneBrowserTest {
    private static final String PASSWORD = "a long enough password";
    private static final int PHONE = 375;
    static TestServer server;
    static ConsoleUser colleague;

    @BeforeAll
    static void start() {
        server = new TestServer(Backend.EMBEDDED);
        server.app.consoleUsers().create("admin@example.com", Role.ADMIN, PASSWORD);
        server.app.consoleUsers().create("editor@example.com", Role.EDITOR, PASSWORD);
        colleague = server.app.consoleUsers().create("colleague@example.com", Role.VIEWER, PASSWORD);
        for (int i = 1; i <= 6; i++) {
            server.api().put("/api/v1/profiles/phone-" + i, json(Map.of("attributes", Map.of("plan", i <= 2 ? "pro" : "free"))));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Browser phone() {
        Browser b = new Browser();
        b.driver().manage().window().setSize(new Dimension(PHONE, 800));
        return b;
    }

    private static void signIn(Browser browser, String email, String password) {
        WebDriver d = browser.driver();
        d.get(server.url() + "/console/sign-in");
        checkPage(d);
        d.get(server.url() + "/console/sign-in"); // loaded again: the email field has the focus (autofocus)
        d.switchTo().activeElement().sendKeys(email + Keys.TAB + password + Keys.ENTER);
        browser.waitUntil(ExpectedConditions.textToBe(By.tagName("h1"), "Overview"));
    }

    /** What every page here must be at phone width: no sideways scrolling, a label for each field, the focus visible. */
    private static void checkPage(WebDriver d) {
        JavascriptExecutor js = (JavascriptExecutor) d;
        assertThat(((Number) js.executeScript("return document.documentElement.clientWidth")).intValue())
                .as("the page is laid out for a phone").isLessThanOrEqualTo(PHONE);
        Number wide = (Number) js.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Object past = js.executeScript("""
                return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 0.5)
                  .filter(e => !e.parentElement.closest('.table-scroll')).slice(0, 5)
                  .map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));""");
        assertThat(wide.intValue()).as("%s scrolls sideways by %s px: %s", d.getCurrentUrl(), wide, past).isLessThanOrEqualTo(0);
        @SuppressWarnings("unchecked")
        List<String> unlabelled = (List<String>) js.executeScript("""
                return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                  .filter(e => e.labels.length === 0 && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
                  .map(e => e.outerHTML);""");
        assertThat(unlabelled).as("fields without a label on %s", d.getCurrentUrl()).isEmpty();
        @SuppressWarnings("unchecked")
        List<String> offScreen = (List<String>) js.executeScript("""
                return [...document.querySelectorAll('main input:not([type=hidden]), main select, main textarea, main button')]
                  .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.left < 0 || r.right > innerWidth + 0.5); })
                  .map(e => e.id || e.outerHTML);""");
        assertThat(offScreen).as("fields or buttons past the screen's edge on %s", d.getCurrentUrl()).isEmpty();
        // Tab through the page: every stop shows where the focus is (an outline or a focus ring). Pico fades its rings
        // in; without the fade, each is read at its end
        js.executeScript("const s = document.createElement('style'); s.textContent = '* { transition: none !important; }';"
                + "document.head.append(s);");
        toTheTop(d);
        List<String> invisible = new ArrayList<>();
        int stops = 0;
        for (int i = 0; i < 40; i++) {
            d.switchTo().activeElement().sendKeys(Keys.TAB);
            WebElement focused = d.switchTo().activeElement();
            if (focused.getTagName().equals("body")) break;
            stops++;
            // the outline and shadow with the focus, then without it (blur keeps the place the next Tab starts from)
            String changed = (String) js.executeScript(
                    "const e = arguments[0], look = () => { const s = getComputedStyle(e); "
                            + "return s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor + ' ' + s.boxShadow; };"
                            + "const focused = look(); e.blur(); const unfocused = look();"
                            + "return focused !== unfocused ? 'yes' : focused;", focused);
            if (!changed.equals("yes")) {
                invisible.add(focused.getTagName() + "#" + focused.getAttribute("id") + " '" + focused.getText() + "' " + changed);
            }
        }
        assertThat(stops).as("the keyboard reaches something on %s", d.getCurrentUrl()).isPositive();
        assertThat(invisible).as("focus not shown on %s", d.getCurrentUrl()).isEmpty();
    }

    /** The next Tab starts from the top of the page: a click on its empty top-left corner. */
    private static void toTheTop(WebDriver d) {
        ((JavascriptExecutor) d).executeScript("window.scrollTo(0, 0); if (document.activeElement) document.activeElement.blur();");
        new Actions(d).moveToLocation(1, 1).click().perform();
    }

    /** Tabs from the top of the page until the element with this id has the focus. */
    private static WebElement tabTo(WebDriver d, String id) {
        toTheTop(d);
        for (int i = 0; i < 60; i++) {
            d.switchTo().activeElement().sendKeys(Keys.TAB);
            if (id.equals(d.switchTo().activeElement().getAttribute("id"))) return d.switchTo().activeElement();
        }
        throw new AssertionError("the Tab key never reached #" + id + " on " + d.getCurrentUrl());
    }

    @Test
    void aPasswordIsChangedAndAnotherUsersResetOnAPhoneWithTheKeyboardAlone() {
        try (Browser browser = phone()) {
            WebDriver d = browser.driver();
            signIn(browser, "admin@example.com", PASSWORD);
            checkPage(d);
            d.get(server.url() + "/console/account");
            checkPage(d);
            tabTo(d, "currentPassword").sendKeys(PASSWORD + Keys.TAB + "a new long passphrase" + Keys.TAB
                    + "a new long passphrase" + Keys.ENTER);
            assertThat(browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("password-changed"))).getText())
                    .startsWith("Your password is changed.");

            d.get(server.url() + "/console/settings/users");
            checkPage(d);
            d.get(server.url() + "/console/settings/users/" + colleague.id());
            checkPage(d);
            tabTo(d, "password").sendKeys("short" + Keys.ENTER);
            // no minlength in the page: the server's rule and message are the ones that count
            // (found again at each poll: the hint of the page being left has the same id)
            browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("password-help"),
                    "must be at least 12 characters"));
            checkPage(d);
            tabTo(d, "password").sendKeys("the colleague's new password" + Keys.ENTER);
            assertThat(browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("done"))).getText())
                    .startsWith("New password set.");
            tabTo(d, "deactivate").sendKeys(Keys.ENTER);
            browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("user-status"), "deactivated"));
            checkPage(d);
        }
    }

    @Test
    void aSegmentIsChangedAndDeletedOnAPhoneWithTheKeyboardAlone() {
        try (Browser browser = phone()) {
            WebDriver d = browser.driver();
            signIn(browser, "editor@example.com", PASSWORD);
            d.get(server.url() + "/console/new-segment?type=dynamic");
            checkPage(d);
            tabTo(d, "name").sendKeys("Pro plan" + Keys.TAB + "pro-plan" + Keys.TAB + Keys.TAB + "plan = \"pro\"");
            browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("definition-size"), "2 profiles match"));
            tabTo(d, "create-segment").sendKeys(Keys.ENTER);
            browser.waitUntil(ExpectedConditions.textToBe(By.tagName("h1"), "Pro plan"));
            checkPage(d);

            tabTo(d, "edit-segment-link").sendKeys(Keys.ENTER);
            browser.waitUntil(ExpectedConditions.textToBe(By.tagName("h1"), "Change Pro plan"));
            checkPage(d);
            WebElement definition = tabTo(d, "definition");
            definition.sendKeys(Keys.chord(Keys.CONTROL, "a"), "plan = \"free\"");
            browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("definition-size"), "4 profiles match"));
            checkPage(d);
            tabTo(d, "name").sendKeys(Keys.chord(Keys.CONTROL, "a"), "Free plan" + Keys.ENTER);
            browser.waitUntil(ExpectedConditions.textToBe(By.tagName("h1"), "Free plan"));
            assertThat(d.findElement(By.id("segment-size")).getText()).isEqualTo("4");

            tabTo(d, "delete-segment-link").sendKeys(Keys.ENTER);
            browser.waitUntil(ExpectedConditions.textToBe(By.tagName("h1"), "Delete Free plan?"));
            checkPage(d);
            tabTo(d, "confirm-delete").sendKeys(Keys.ENTER);
            browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("deleted")));
            assertThat(server.app.segments().exists("pro-plan")).isFalse();
            checkPage(d);
        }
    }
}
