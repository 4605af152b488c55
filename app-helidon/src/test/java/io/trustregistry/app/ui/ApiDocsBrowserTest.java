package io.trustregistry.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import io.trustregistry.app.TestServer;

/**
 * {@code /docs} in headless Chromium as a new user opens it: Swagger UI renders this server's
 * {@code /openapi} (its title and the contract's operations), loads nothing from any other origin
 * (the machine has no network beyond loopback, and the page must not need one), and "Try it out"
 * on {@code GET /health} gets the live answer.
 */
class ApiDocsBrowserTest {

    /** Swagger UI's element for an operation: {@code operations-<tag>-<operationId>}. */
    private static final String HEALTH = "[id$='-RegistryHealthHeartbeat']";

    @Test
    void theInteractiveApiPageRendersOurDescriptionOfflineAndCallsTheApi() throws Exception {
        try (TestServer server = TestServer.start(); Browser browser = Browser.start()) {
            String base = server.server.baseUrl();
            browser.open(base + "/docs");
            browser.awaitText(By.cssSelector(".information-container .title"), "ECE 461");
            List<WebElement> operations = browser.driver.findElements(By.cssSelector(".opblock"));
            assertTrue(operations.size() >= 20, "operations shown: " + operations.size());
            String paths = String.join("\n", operations.stream().map(o -> o.findElement(
                    By.cssSelector(".opblock-summary-path")).getAttribute("data-path")).toList());
            assertTrue(paths.contains("/artifacts") && paths.contains("/authenticate") && paths.contains("/tracks"),
                    paths);

            @SuppressWarnings("unchecked")
            List<String> loaded = (List<String>) browser.script(
                    "return performance.getEntriesByType('resource').map(e => e.name);");
            assertTrue(loaded.stream().allMatch(url -> url.startsWith(base)), "loaded from elsewhere: " + loaded);

            WebElement health = browser.driver.findElement(By.cssSelector(HEALTH));
            health.findElement(By.cssSelector(".opblock-summary-control")).click();
            browser.await(By.cssSelector(HEALTH + " .try-out__btn")).click();
            browser.await(By.cssSelector(HEALTH + " .execute")).click();
            browser.await(By.cssSelector(HEALTH + " .live-responses-table tr.response .response-col_status"));
            assertEquals("200", browser.driver.findElement(By.cssSelector(
                    HEALTH + " .live-responses-table tr.response .response-col_status")).getText().strip());
            browser.screenshot("api-docs");
        }
    }
}
