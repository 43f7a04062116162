package dev.audience.http.console;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.audience.campaign.Campaign;
import dev.audience.testing.Backend;
import dev.audience.testing.Browser;
import dev.audience.testing.TestServer;
import dev.audience.user.Role;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A marketer's whole round in a real browser (Debian's chromium), against a real server sending through a real SMTP
 * server (GreenMail): sign in, make a dynamic segment and see its size, write an email beside its live preview (a
 * Liquid mistake shown under its field as it is typed), choose the audience with its send plan, test-send it to the
 * team and see the mail arrive, send it, and watch the counts reach "sent" while the sending threads work.
 *
 * <p>With {@code AUDIENCE_SCREENSHOTS=1} (or {@code -Daudience.screenshots=true}) it also saves the main pages, 1280
 * pixels wide, to docs/screenshots/ for the README.
 */
class ConsoleWorkflowBrowserTest {
    private static final String PASSWORD = "a long enough password";
    private static final Path SHOTS = Path.of("docs", "screenshots");
    static GreenMail mail;
    static TestServer server;

    @BeforeAll
    static void start() {
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        mail.start();
        server = new TestServer(Backend.EMBEDDED, Map.of("smtp.host", "127.0.0.1", "smtp.port",
                String.valueOf(mail.getSmtp().getPort()), "smtp.connections", "1"));
        ShopData.load(server);
        server.app.consoleUsers().create("maria@shop.example", Role.EDITOR, PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
        mail.stop();
    }

    private static boolean screenshots() {
        return "1".equals(System.getenv("AUDIENCE_SCREENSHOTS")) || Boolean.getBoolean("audience.screenshots");
    }

    private static void shot(Browser browser, String name) {
        if (screenshots()) browser.screenshot(SHOTS.resolve(name + ".png"), 1280);
    }

    private static List<MimeMessage> mailWithSubject(String subject) throws MessagingException {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) if (subject.equals(m.getSubject())) out.add(m);
        return out;
    }

    private static String to(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aMarketerMakesASegmentWritesAnEmailTestsItSendsItAndWatchesItArrive() throws Exception {
        try (Browser browser = new Browser()) {
            WebDriver d = browser.driver();
            d.manage().window().setSize(new Dimension(1280, 900));
            d.get(server.url() + "/console");
            d.switchTo().activeElement().sendKeys("maria@shop.example" + Keys.TAB + PASSWORD + Keys.ENTER);
            browser.waitUntil(ExpectedConditions.textToBe(By.tagName("h1"), "Overview"));
            assertThat(d.findElement(By.id("sending-title")).isDisplayed()).isTrue();
            shot(browser, "overview");

            // a dynamic segment, its size seen as the definition is typed, then on its page
            d.findElement(By.linkText("Segments")).click();
            browser.waitUntil(ExpectedConditions.textToBe(By.tagName("h1"), "Segments"));
            shot(browser, "segments");
            d.findElement(By.id("new-dynamic")).click();
            d.findElement(By.id("name")).sendKeys("Pricing visitors");
            d.findElement(By.id("key")).sendKeys("pricing-visitors");
            d.findElement(By.id("definition")).sendKeys("did page_view where url = \"/pricing\" in last 30 days");
            String matches = browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("definition-size"))).getText();
            long size = server.app.segments().preview(new dev.audience.segment.DefinitionInput.Text(
                    "did page_view where url = \"/pricing\" in last 30 days"), 1).count();
            assertThat(matches).startsWith(size + " profiles match");
            d.findElement(By.id("create-segment")).click();
            browser.waitUntil(ExpectedConditions.textToBe(By.tagName("h1"), "Pricing visitors"));
            assertThat(d.findElement(By.id("segment-size")).getText()).isEqualTo(String.valueOf(size));
            d.get(server.url() + "/console/segments/active-week");
            assertThat(d.findElements(By.cssSelector("#size-chart circle"))).hasSize(8);
            shot(browser, "segment");

            // an email beside its live preview
            d.findElement(By.linkText("Campaigns")).click();
            d.findElement(By.id("new-campaign")).click();
            d.findElement(By.id("channel-email")).click();
            browser.waitUntil(ExpectedConditions.textToBe(By.tagName("h1"), "New email campaign"));
            d.findElement(By.id("name")).sendKeys("Spring release");
            d.findElement(By.id("fromName")).sendKeys("Shop");
            d.findElement(By.id("fromEmail")).sendKeys("news@shop.example");
            WebElement subject = d.findElement(By.id("subject"));
            subject.sendKeys("{{ profile.first_name }}, the spring release is here");
            d.findElement(By.id("text")).sendKeys("Hello {{ profile.first_name }},\nthe spring release is out.\n"
                    + "Unsubscribe: {{ unsubscribe_url }}");
            d.findElement(By.id("html")).sendKeys("<h1 style=\"color:#2457c5\">Hello {{ profile.first_name }}</h1>\n"
                    + "<p>The spring release is out: offline lists, dark mode and a faster search.</p>\n"
                    + "<p><a href=\"https://shop.example/spring\">See what is new</a></p>");
            WebElement as = d.findElement(By.id("previewUserId"));
            as.clear();
            as.sendKeys(ShopData.customer(1));
            browser.waitUntil(ExpectedConditions.textToBe(By.id("preview-subject"), "Bruno, the spring release is here"));
            d.switchTo().frame(d.findElement(By.id("preview-frame")));
            assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Hello Bruno");
            d.switchTo().defaultContent();

            subject.sendKeys(" {{ profile.plan");
            WebElement subjectError = browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("subject-error")));
            assertThat(subjectError.getText()).isEqualTo("line 1, column 54: This {{ is never closed: add }} after the variable, as in {{ profile.first_name }}.");
            for (int i = 0; i < " {{ profile.plan".length(); i++) subject.sendKeys(Keys.BACK_SPACE);
            browser.waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("subject-error")));
            browser.waitUntil(ExpectedConditions.textToBe(By.id("preview-subject"), "Bruno, the spring release is here"));
            shot(browser, "campaign-content");

            // the audience, with the send plan for the ticked segment
            d.findElement(By.id("next")).click();
            browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("plan-error")));
            d.findElement(By.id("segments-pricing-visitors")).click();
            WebElement reachableCell = browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("plan-reachable")));
            long reachable = Long.parseLong(reachableCell.getText().replace(",", ""));
            assertThat(reachable).isPositive().isLessThan(size); // customers without an email are skipped
            shot(browser, "campaign-audience");
            d.findElement(By.id("next")).click();

            // a test send to the team: the mail arrives, the rows say so
            browser.waitUntil(ExpectedConditions.urlMatches("/console/campaigns/[^/]+/test$"));
            String id = d.getCurrentUrl().replaceAll(".*/console/campaigns/([^/]+)/test$", "$1");
            new Select(d.findElement(By.id("segment"))).selectByValue("team");
            d.findElement(By.id("send-test")).click();
            browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("test-summary"), "2 messages queued"));
            assertThat(server.app.delivery().drain()).isEqualTo(2);
            browser.waitUntil(d2 -> d2.findElements(By.cssSelector("#test-rows .state-sent")).size() == 2);
            assertThat(mailWithSubject("[TEST] Maria, the spring release is here")).extracting(ConsoleWorkflowBrowserTest::to)
                    .containsExactly("maria@shop.example");
            assertThat(mailWithSubject("[TEST] Sam, the spring release is here")).hasSize(1);

            // send now, and watch it reach sent while the sending threads work
            d.findElement(By.id("next")).click();
            browser.waitUntil(ExpectedConditions.textToBe(By.id("plan-reachable"), String.valueOf(reachable)));
            d.findElement(By.id("send")).click();
            browser.waitUntil(ExpectedConditions.textToBe(By.id("campaign-status"), "scheduled"));
            assertThat(server.app.campaigns().tick()).contains("started " + id);
            browser.waitUntil(ExpectedConditions.textToBe(By.id("campaign-status"), "sending"));
            assertThat(server.app.delivery().drain()).isEqualTo((int) reachable);
            assertThat(server.app.campaigns().tick()).contains("sent " + id);
            browser.waitUntil(ExpectedConditions.textToBe(By.id("campaign-status"), "sent"));
            assertThat(d.findElement(By.id("count-sent")).getText()).isEqualTo(String.valueOf(reachable));
            assertThat(d.findElement(By.id("count-skipped")).getText()).isEqualTo(String.valueOf(size - reachable));
            assertThat(d.findElement(By.id("campaign-progress")).getAttribute("value")).isEqualTo(String.valueOf(size));
            long delivered = List.of(mail.getReceivedMessages()).stream().filter(m -> {
                try {
                    return m.getSubject().endsWith(", the spring release is here") && !m.getSubject().startsWith("[TEST]");
                } catch (MessagingException e) {
                    throw new AssertionError(e);
                }
            }).count();
            assertThat(delivered).isEqualTo(reachable);
            assertThat(server.app.campaigns().get(id).status().wireName()).isEqualTo("sent");
            assertThat(d.findElements(By.id("cancel"))).as("nothing left to cancel").isEmpty();
            d.findElement(By.partialLinkText("skipped")).click();
            browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "no email"));
            assertThat(d.findElements(By.cssSelector("#messages tbody tr"))).hasSize((int) (size - reachable));
            shot(browser, "campaign");

            // from a message to its profile
            d.findElement(By.linkText("all")).click();
            browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "250"));
            d.findElement(By.cssSelector("#messages tbody tr td a")).click();
            browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("messages")));
            assertThat(d.findElement(By.id("messages")).getText()).contains("Spring release");
            shot(browser, "profile");

            // the sent campaign copied as a new draft, and the copy deleted after its confirmation page
            d.get(server.url() + "/console/campaigns/" + id);
            assertThat(d.findElements(By.id("delete"))).as("a sent campaign is kept").isEmpty();
            d.findElement(By.id("duplicate")).click();
            browser.waitUntil(ExpectedConditions.textToBe(By.tagName("h1"), "Copy of Spring release"));
            d.findElement(By.id("delete")).click();
            browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-button"))).click();
            browser.waitUntil(ExpectedConditions.textToBe(By.id("deleted"), "Campaign Copy of Spring release deleted."));
            assertThat(server.app.campaigns().list()).extracting(Campaign::name).contains("Spring release")
                    .doesNotContain("Copy of Spring release");
        }
    }

    @Test
    void aPushIsDrawnAsOnBothPhonesAndABannerShowsItsResults() {
        try (Browser browser = new Browser()) {
            WebDriver d = browser.driver();
            d.manage().window().setSize(new Dimension(1280, 900));
            d.get(server.url() + "/console");
            d.switchTo().activeElement().sendKeys("maria@shop.example" + Keys.TAB + PASSWORD + Keys.ENTER);
            browser.waitUntil(ExpectedConditions.textToBe(By.tagName("h1"), "Overview"));
            Campaign push = server.app.campaigns().list().stream().filter(c -> c.name().equals("App update push")).findFirst().orElseThrow();
            d.get(server.url() + "/console/campaigns/" + push.id() + "/content");
            assertThat(d.findElement(By.cssSelector("#preview-ios .push-title")).getText()).isEqualTo("Bruno, version 5 is here");
            assertThat(d.findElements(By.cssSelector("#preview-android .android-actions span"))).extracting(WebElement::getText)
                    .containsExactly("SEE WHAT'S NEW", "LATER");
            WebElement title = d.findElement(By.id("title"));
            title.sendKeys(Keys.END, "!");
            browser.waitUntil(ExpectedConditions.textToBe(By.cssSelector("#preview-android .push-title"), "Bruno, version 5 is here!"));
            shot(browser, "campaign-push");

            Campaign banner = server.app.campaigns().list().stream().filter(Campaign::isBanner).findFirst().orElseThrow();
            d.get(server.url() + "/console/campaigns/" + banner.id());
            assertThat(d.findElement(By.id("stat-impressions")).getText()).isNotEqualTo("0");
            assertThat(d.findElements(By.cssSelector("#banner-chart rect.impressions"))).hasSize(7);
            assertThat(d.findElement(By.cssSelector(".placement-hero .frame-main .audience-banner__title")).getText())
                    .isEqualTo("Winter sale: 20% off every plan");
            shot(browser, "banner");

            // the experiment's results: people per variant, then conversions to the goal typed on the page
            d.get(server.url() + "/console/experiments");
            d.findElement(By.linkText("Pricing table: annual first")).click();
            long exposed = Long.parseLong(browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("stat-users")))
                    .getText());
            assertThat(exposed).isPositive();
            assertThat(d.findElements(By.cssSelector("#variant-chart rect.exposed"))).hasSize(2);
            d.findElement(By.id("goal")).sendKeys("upgrade" + Keys.ENTER);
            browser.waitUntil(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#variant-chart rect.converted"), 2));
            assertThat(d.findElement(By.id("variant-results")).getText()).contains("Conversion rate").contains("control");
            shot(browser, "experiment");
        }
    }
}
