package io.trustregistry.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import io.trustregistry.app.Api;
import io.trustregistry.app.TestServer;
import io.trustregistry.testkit.HubFixtures;
import io.trustregistry.testkit.NodeRuntime;

/**
 * The web UI in headless Chromium against a real server and the fake hub: sign-in,
 * registration, search, the detail page with rating and lineage, download, update and delete,
 * the admin pages and the health dashboard; axe-core finds no accessibility violation on any
 * page; and a README and a name full of script injections execute nothing.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiBrowserTest {

    private static final String ADMIN = "ece30861defaultadminuser";
    private static final String ADMIN_PASSWORD = "correcthorsebatterystaple123(!__+@**(A'\"`;DROP TABLE packages;";
    private static final String HOSTILE_README = """
            # Totally normal model

            <script>window.pwned = 'script tag';</script>
            <img src="x" onerror="window.pwned = 'onerror'">

            Read the [docs](javascript:window.pwned='link') or [more](JaVaScRiPt:alert(1)).
            ![logo](javascript:window.pwned='image')

            | a | b |
            |---|---|
            | <b onmouseover="window.pwned='cell'">x</b> | `<script>` |
            """;
    private static final String HOSTILE_NAME = "<img src=x onerror=\"window.pwned='name'\">";

    private TestServer server;
    private Browser browser;
    private String base;
    private boolean monitors;

    @BeforeAll
    void start() throws Exception {
        Optional<java.nio.file.Path> node = NodeRuntime.find();
        monitors = node.isPresent();
        server = TestServer.start(node.map(n -> Map.of("REGISTRY_PAGE_SIZE", "2", "REGISTRY_MONITOR_NODE", n.toString()))
                .orElse(Map.of("REGISTRY_PAGE_SIZE", "2")));
        base = server.server.baseUrl();
        server.hub.addModel(new HubFixtures.Model("acme/evil-model", HOSTILE_README, Optional.of("mit"),
                HubFixtures.withReadme(Map.of("model.safetensors", 1024L), HOSTILE_README), List.of(), List.of(),
                10, 1, Optional.empty()));
        String token = server.api.admin();
        // a few artifacts so that lists page and lineage has edges
        server.api.register(token, "model", "https://huggingface.co/acme/tiny-model");
        server.api.register(token, "dataset", "https://huggingface.co/datasets/acme/tiny-data");
        server.api.register(token, "code", "https://github.com/acme/tiny-code");
        browser = Browser.start();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void signInShowsErrorsAndThenSignsIn() throws Exception {
        browser.open(base + "/");
        browser.awaitTitle("Sign in");
        assertTrue(browser.driver.getCurrentUrl().contains("/ui/"), "/ redirects to the UI");
        browser.assertAccessible("sign-in");
        browser.screenshot("sign-in");
        signIn(ADMIN, "wrong password");
        browser.awaitText(By.cssSelector("[role=alert]"), "wrong");
        signIn(ADMIN, ADMIN_PASSWORD);
        browser.awaitTitle("Artifacts");
        assertTrue(browser.driver.findElement(By.id("session")).getText().contains("Signed in as " + ADMIN));
        // the token stays out of the URL
        assertFalse(browser.driver.getCurrentUrl().contains("bearer"));
    }

    @Test
    @Order(2)
    void registersAModelWithVisibleProgress() throws Exception {
        browser.open(base + "/ui/#/register");
        browser.awaitTitle("Register");
        browser.assertAccessible("register");
        new Select(browser.driver.findElement(By.name("type"))).selectByValue("model");
        browser.driver.findElement(By.name("url")).sendKeys("https://huggingface.co/acme/tiny-model-finetuned");
        browser.driver.findElement(By.cssSelector("form button[type=submit]")).click();
        browser.awaitText(By.cssSelector("main [aria-live]"), "Registered tiny-model-finetuned");
        browser.screenshot("register");
        // a failure says why
        WebElement url = browser.driver.findElement(By.name("url"));
        url.clear();
        url.sendKeys("https://huggingface.co/acme/no-such-model");
        browser.driver.findElement(By.cssSelector("form button[type=submit]")).click();
        browser.awaitText(By.cssSelector("main [role=alert]"), "Registration failed");
        browser.driver.findElement(By.linkText("Artifacts")).click();
        browser.awaitTitle("Artifacts");
    }

    @Test
    @Order(3)
    void listsWithPagingAndTypeFilter() throws Exception {
        browser.open(base + "/ui/#/artifacts");
        browser.await(By.cssSelector("main table"));
        assertEquals(2, browser.driver.findElements(By.cssSelector("main tbody tr")).size(), "pages of two");
        browser.assertAccessible("artifacts");
        browser.screenshot("artifacts");
        browser.driver.findElement(By.linkText("Next page")).click();
        browser.wait.until(d -> d.getCurrentUrl().contains("offset="));
        browser.await(By.cssSelector("main tbody tr"));
        new Select(browser.driver.findElement(By.name("type"))).selectByValue("code");
        browser.driver.findElement(By.cssSelector("main form button")).click();
        browser.wait.until(d -> d.getCurrentUrl().endsWith("type=code"));
        browser.awaitText(By.cssSelector("main tbody"), "tiny-code");
        assertEquals(1, browser.driver.findElements(By.cssSelector("main tbody tr")).size());
    }

    @Test
    @Order(4)
    void searchesByNameAndByRegularExpression() throws Exception {
        browser.open(base + "/ui/#/search");
        browser.awaitTitle("Search");
        browser.driver.findElement(By.name("regex")).sendKeys("^(tiny-model-finetuned|tiny-data)$", Keys.ENTER);
        browser.awaitText(By.cssSelector("main [aria-live]"), "2 found");
        browser.assertAccessible("search");
        browser.screenshot("search");
        browser.driver.findElement(By.name("name")).sendKeys("tiny-code", Keys.ENTER);
        browser.awaitText(By.cssSelector("main [aria-live]"), "1 found");
        browser.driver.findElement(By.name("name")).clear();
        browser.driver.findElement(By.name("name")).sendKeys("no-such-thing", Keys.ENTER);
        browser.awaitText(By.cssSelector("main [aria-live]"), "Nothing matches");
    }

    @Test
    @Order(5)
    void theDetailPageShowsRatingLineageCostLicenseReadmeAndAudit() throws Exception {
        openDetailOf("tiny-model-finetuned");
        WebElement rating = browser.await(By.xpath("//section[h2='Rating']//table"));
        List<WebElement> metrics = rating.findElements(By.cssSelector("tbody tr"));
        assertTrue(metrics.size() >= 11, "every metric: " + rating.getText());
        assertTrue(rating.getText().contains("net score") && rating.getText().contains(" s"), rating.getText());
        String devices = browser.driver.findElement(By.xpath("//section[h2='Rating']//table[2]")).getText();
        for (String device : List.of("raspberry pi", "jetson nano", "desktop pc", "aws server")) {
            assertTrue(devices.contains(device), devices);
        }
        assertFalse(browser.driver.findElements(By.cssSelector("section svg .node")).isEmpty(), "lineage drawn");
        assertSectionContains("Lineage", "tiny-model → tiny-model-finetuned");
        assertSectionContains("Cost", "With dependencies");
        assertSectionContains("Audit trail", "CREATE");
        // the Hub lists README.md among a repository's files whenever it has one, so it was stored
        assertSectionContains("README", "Fine-tuned");
        browser.driver.findElement(By.name("github_url")).sendKeys("https://github.com/acme/tiny-code", Keys.ENTER);
        browser.awaitText(By.xpath("//section[h2='License check']"), "ompatible");
        browser.assertAccessible("detail");
        browser.screenshot("detail");
    }

    @Test
    @Order(7)
    void downloadsUpdatesAndDeletesWithConfirmation() throws Exception {
        openDetailOf("tiny-code");
        browser.driver.findElement(By.xpath("//button[text()='Download everything (zip)']")).click();
        browser.awaitText(By.xpath("//section[h2='Downloads']"), "Downloaded full");
        WebElement url = browser.driver.findElement(By.name("url"));
        url.clear();
        url.sendKeys("https://github.com/acme/tiny-code");
        browser.driver.findElement(By.xpath("//button[text()='Save changes']")).click();
        browser.awaitText(By.xpath("//section[h2='Update or delete']"), "Saved.");
        browser.driver.findElement(By.xpath("//button[text()='Delete artifact']")).click();
        WebElement dialog = browser.await(By.cssSelector("dialog[open]"));
        browser.assertAccessible("delete confirmation");
        dialog.findElement(By.xpath(".//button[text()='Cancel']")).click();
        assertTrue(browser.driver.getCurrentUrl().contains("#/artifact/code/"), "cancel keeps the artifact");
        browser.driver.findElement(By.xpath("//button[text()='Delete artifact']")).click();
        browser.await(By.cssSelector("dialog[open]")).findElement(By.xpath(".//button[text()='Delete']")).click();
        browser.awaitTitle("Artifacts");
        assertEquals(404, server.api.get("/artifact/byName/tiny-code", server.api.admin()).status());
    }

    @Test
    @Order(6)
    void marksAModelSensitiveEditsItsMonitorAndShowsARefusalAndTheHistory() throws Exception {
        Assumptions.assumeTrue(monitors, "no Node.js 24 for monitor programs on this machine");
        openDetailOf("tiny-model");
        browser.await(By.xpath("//button[text()='Mark sensitive']")).click();
        browser.awaitText(By.xpath("//section[h2='Sensitive model']"), "Sensitive since");
        WebElement monitor = browser.await(By.name("monitor"));
        monitor.sendKeys("console.log('no downloads for ' + process.argv[4]); process.exit(1);");
        browser.driver.findElement(By.xpath("//button[text()='Save monitor']")).click();
        browser.awaitText(By.xpath("//section[h2='Sensitive model']"), "Monitor saved.");
        browser.driver.findElement(By.xpath("//button[text()='Download everything (zip)']")).click();
        browser.awaitText(By.xpath("//section[h2='Downloads']"), "refused by the model's monitor");
        assertSectionContains("Downloads", "no downloads for " + ADMIN);
        // the page again, as after a reload: the history holds the refusal, the README is not fetched
        openDetailOf("tiny-model");
        browser.awaitText(By.xpath("//section[h2='Sensitive model']//table"), "rejected");
        assertSectionContains("Sensitive model", "exit 1");
        assertSectionContains("README", "Not shown for a sensitive model");
        assertEquals("console.log('no downloads for ' + process.argv[4]); process.exit(1);",
                browser.driver.findElement(By.name("monitor")).getAttribute("value"));
        browser.assertAccessible("sensitive model");
        browser.screenshot("sensitive-model");
        browser.driver.findElement(By.xpath("//button[text()='Unmark sensitive']")).click();
        browser.awaitText(By.xpath("//section[h2='Sensitive model']"), "Not sensitive");
        browser.awaitText(By.xpath("//section[h2='README']"), "Tiny model");
    }

    @Test
    @Order(8)
    void administersUsersAndResetsWithConfirmation() throws Exception {
        browser.open(base + "/ui/#/admin");
        browser.awaitTitle("Administration");
        browser.await(By.xpath("//section[h2='Users']//table"));
        browser.driver.findElement(By.name("new-user")).sendKeys("alice");
        browser.driver.findElement(By.name("new-password")).sendKeys("a long enough passphrase 42");
        browser.driver.findElement(By.xpath("//button[text()='Add user']")).click();
        browser.awaitText(By.xpath("//section[h2='Users']"), "alice");
        assertTrue(browser.driver.findElement(By.xpath("//section[h2='Users']")).getText().contains("download, search"));
        browser.assertAccessible("admin");
        browser.screenshot("admin");
        browser.driver.findElement(By.cssSelector("button[aria-label='Delete user alice']")).click();
        browser.await(By.cssSelector("dialog[open]")).findElement(By.xpath(".//button[text()='Delete user']")).click();
        browser.wait.until(d -> !d.findElement(By.xpath("//section[h2='Users']")).getText().contains("alice"));
    }

    @Test
    @Order(9)
    void theHealthDashboardChartsTheLastHourAndShowsLogs() throws Exception {
        browser.open(base + "/ui/#/health");
        browser.awaitTitle("Health");
        browser.await(By.xpath("//section[h2='Recent log lines']//table"));
        assertEquals(5, browser.driver.findElements(By.cssSelector("main section svg")).size(), "five charts");
        String components = browser.driver.findElement(By.xpath("//section[h2='Components']")).getText();
        assertTrue(components.contains("OK") && components.contains("Artifact catalog"), components);
        String logs = browser.driver.findElement(By.xpath("//section[h2='Recent log lines']")).getText();
        assertTrue(logs.contains("/artifact/{type}"), logs);
        assertTrue(browser.driver.findElement(By.xpath("//section[h2='Top routes']")).getText().contains("POST"));
        browser.assertAccessible("health");
        browser.screenshot("health");
    }

    @Test
    @Order(10)
    void scriptInjectionsInAReadmeAndANameDoNothing() throws Exception {
        String token = server.api.admin();
        String id = server.api.register(token, "model", "https://huggingface.co/acme/evil-model");
        // a plain download takes its name from the URL's last segment: here, markup
        String hostileUrl = server.hub.addFile(java.net.URLEncoder.encode(HOSTILE_NAME,
                java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"), "payload".getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        String named = server.api.register(token, "code", hostileUrl);
        browser.open(base + "/ui/#/artifact/code/" + named);
        browser.awaitTitle(HOSTILE_NAME);
        browser.awaitLoaded();
        assertEquals(HOSTILE_NAME + " code", browser.driver.findElement(By.tagName("h1")).getText());
        browser.open(base + "/ui/#/artifacts?type=code");
        browser.awaitText(By.cssSelector("main tbody"), HOSTILE_NAME);

        browser.open(base + "/ui/#/artifact/model/" + id);
        browser.awaitTitle("evil-model");
        browser.awaitLoaded();
        browser.await(By.cssSelector(".readme"));
        // the hostile text is shown as text
        // Markdown still renders: a heading and a table, as elements the UI made
        assertEquals("Totally normal model", browser.driver.findElement(By.cssSelector(".readme h3")).getText());
        assertEquals(1, browser.driver.findElements(By.cssSelector(".readme table")).size());
        String readme = browser.driver.findElement(By.cssSelector(".readme")).getText();
        assertTrue(readme.contains("<script>window.pwned = 'script tag';</script>"), readme);
        assertTrue(browser.driver.findElements(By.cssSelector("main script, main img, .readme [onerror], "
                + ".readme [onmouseover]")).isEmpty(), "markup from the artifact became elements");
        for (WebElement link : browser.driver.findElements(By.cssSelector("main a[href]"))) {
            String href = link.getAttribute("href");
            assertTrue(href.startsWith("http://") || href.startsWith("https://"), "unsafe link " + href);
        }
        for (WebElement link : browser.driver.findElements(By.cssSelector(".readme a, .readme span"))) {
            new org.openqa.selenium.interactions.Actions(browser.driver).moveToElement(link).perform();
        }
        // the same page through the search results and the list
        browser.open(base + "/ui/#/search?regex=evil");
        browser.driver.findElement(By.name("regex")).sendKeys(Keys.ENTER);
        browser.awaitText(By.cssSelector("main [aria-live]"), "found");
        assertNull(browser.script("return window.pwned;"), "an injection ran");
        // and the Content-Security-Policy would have stopped inline script anyway
        Api.Reply ui = new Api(base).get("/ui/", null).expect(200);
        String csp = ui.header("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
    }

    @Test
    @Order(11)
    void theKeyboardAloneReachesTheControlsWithAVisibleFocus() throws Exception {
        browser.open(base + "/ui/#/search");
        browser.awaitTitle("Search");
        java.util.Set<String> reached = new java.util.LinkedHashSet<>();
        for (int i = 0; i < 25 && !reached.contains("regex"); i++) {
            new org.openqa.selenium.interactions.Actions(browser.driver).sendKeys(Keys.TAB).perform();
            WebElement focused = browser.driver.switchTo().activeElement();
            String id = focused.getAttribute("name") != null && !focused.getAttribute("name").isEmpty()
                    ? focused.getAttribute("name") : focused.getTagName() + ":" + focused.getText();
            reached.add(id);
            String outline = String.valueOf(browser.script(
                    "return getComputedStyle(document.activeElement).outlineStyle;"));
            assertFalse(outline.equals("none"), "no visible focus on " + id);
        }
        // after navigation focus sits on the page's heading, so the next stop is the page's first control
        assertEquals("name", reached.iterator().next(), reached.toString());
        assertEquals(Boolean.TRUE, browser.script("return document.querySelector('a.skip-link') === "
                + "document.querySelectorAll('a[href], button, input, select, textarea')[0];"), "skip link first");
        assertTrue(reached.contains("name") && reached.contains("regex"), reached.toString());
        new org.openqa.selenium.interactions.Actions(browser.driver).sendKeys("tiny", Keys.ENTER).perform();
        browser.awaitText(By.cssSelector("main [aria-live]"), "found");
    }

    @Test
    @Order(12)
    void resetAsksFirstAndThenEmptiesTheRegistry() throws Exception {
        browser.open(base + "/ui/#/admin");
        browser.awaitTitle("Administration");
        browser.await(By.xpath("//button[text()='Reset the registry']")).click();
        browser.await(By.cssSelector("dialog[open]")).findElement(By.xpath(".//button[text()='Cancel']")).click();
        assertEquals(200, server.api.post("/artifacts", server.api.admin(), "[{\"name\":\"*\"}]").status());
        browser.driver.findElement(By.xpath("//button[text()='Reset the registry']")).click();
        browser.await(By.cssSelector("dialog[open]")).findElement(By.xpath(".//button[text()='Reset everything']"))
                .click();
        browser.awaitText(By.xpath("//section[h2='Reset']"), "The registry was reset.");
        assertEquals(0, server.api.post("/artifacts", server.api.admin(), "[{\"name\":\"*\"}]").expect(200).json()
                .size());
    }

    private void assertSectionContains(String heading, String text) {
        String content = browser.driver.findElement(By.xpath("//section[h2='" + heading + "']")).getText();
        assertTrue(content.contains(text), heading + " lacks '" + text + "': " + content);
    }

    private void signIn(String name, String password) {
        WebElement user = browser.await(By.name("username"));
        user.clear();
        user.sendKeys(name);
        browser.driver.findElement(By.name("password")).sendKeys(password);
        browser.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
    }

    private void openDetailOf(String name) {
        browser.open(base + "/ui/#/search?x=" + name);
        browser.awaitTitle("Search");
        browser.driver.findElement(By.name("name")).sendKeys(name, Keys.ENTER);
        browser.await(By.linkText(name)).click();
        browser.awaitTitle(name);
        browser.awaitLoaded();
    }
}
