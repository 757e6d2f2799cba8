package dev.groundwork.examples.conduit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The docs page ({@code /docs/}, Swagger UI over the served document) in a real headless Chromium, Debian's
 * {@code chromium} driven through its {@code chromium-driver} (both installed by {@code .ci/run} when missing):
 * it loads, shows every operation of the document, and a "Try it out" call succeeds. The screenshots stay in
 * {@code target/docs-page.png} and {@code target/docs-page-try-it-out.png}.
 */
class DocsPageIT {

    private static ConduitProcess service;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> chromium = onPath("chromium");
        Optional<Path> driver = onPath("chromedriver");
        Assumptions.assumeTrue(
                chromium.isPresent() && driver.isPresent(),
                "Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
        service = ConduitProcess.start("conduit-docs-it");
        ChromeOptions options = new ChromeOptions()
                .setBinary(chromium.get().toFile())
                .addArguments(
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-background-networking",
                        "--disable-dev-shm-usage",
                        "--window-size=1280,1600");
        ChromeDriverService driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.get().toFile())
                .usingAnyFreePort()
                .withLogFile(new File("target/chromedriver.log"))
                .build();
        browser = new ChromeDriver(driverService, options);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.close();
        }
    }

    private static Optional<Path> onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(folder -> Path.of(folder, program))
                .filter(Files::isExecutable)
                .findFirst();
    }

    @Test
    void theDocsPageShowsEveryOperationAndTryItOutSucceeds() throws Exception {
        Set<String> operations = operationsInTheDocument();
        browser.get(service.uri("/docs/").toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        // Every operation of the document is on the page (one under each of its tags), and nothing else; the page
        // renders them after loading the document, so wait for the full set before comparing.
        Set<String> shown = new TreeSet<>();
        try {
            wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(page -> shown(page).equals(operations));
        } catch (org.openqa.selenium.TimeoutException e) {
            // compared below, with the difference in the message
        }
        shown.addAll(shown(browser));
        assertThat(shown).isEqualTo(operations);
        assertThat(browser.findElement(By.cssSelector(".info .title")).getText())
                .contains("Conduit on Groundwork");
        screenshot("target/docs-page.png");

        // Open GET /api/tags, press "Try it out", then "Execute": the page calls the service and shows its answer.
        WebElement tags = browser.findElement(
                By.xpath("//div[contains(@class,'opblock-get')][.//*[contains(@class,'opblock-summary-path')]"
                        + "[@data-path='/api/tags']]"));
        clickWhenShown(wait, tags, ".opblock-summary");
        clickWhenShown(wait, tags, ".try-out__btn");
        clickWhenShown(wait, tags, ".btn.execute");
        WebElement status = wait.until(page ->
                tags.findElements(By.cssSelector(".live-responses-table .response .response-col_status")).stream()
                        .filter(WebElement::isDisplayed)
                        .findFirst()
                        .orElse(null));
        assertThat(status.getText().strip()).isEqualTo("200");
        assertThat(tags.findElement(By.cssSelector(".live-responses-table .response .response-col_description"))
                        .getText())
                .contains("\"tags\"");
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", status);
        screenshot("target/docs-page-try-it-out.png");
    }

    /** The operations the page shows, as "METHOD path". */
    private static Set<String> shown(org.openqa.selenium.WebDriver page) {
        Set<String> shown = new TreeSet<>();
        for (WebElement block : page.findElements(By.cssSelector(".opblock"))) {
            shown.add(block.findElement(By.cssSelector(".opblock-summary-method"))
                            .getText()
                            .strip()
                    + " "
                    + block.findElement(By.cssSelector(".opblock-summary-path")).getAttribute("data-path"));
        }
        return shown;
    }

    /**
     * Clicks the first visible, enabled match inside a block once the page has rendered it (it may still be opening);
     * a click the page intercepted or an element it re-rendered is tried again.
     */
    private static void clickWhenShown(WebDriverWait wait, WebElement within, String selector) {
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.ElementClickInterceptedException.class)
                .until(page -> {
                    for (WebElement candidate : within.findElements(By.cssSelector(selector))) {
                        if (candidate.isDisplayed() && candidate.isEnabled()) {
                            candidate.click();
                            return true;
                        }
                    }
                    return null;
                });
    }

    /** The operations of the served document ("GET /api/tags"), read by a plain HTTP request. */
    private static Set<String> operationsInTheDocument() throws Exception {
        String json = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(service.uri("/openapi.json")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        JsonNode paths = new ObjectMapper().readTree(json).get("paths");
        Set<String> operations = new TreeSet<>();
        paths.fieldNames()
                .forEachRemaining(path -> paths.get(path).fieldNames().forEachRemaining(method -> {
                    if (List.of("get", "put", "post", "delete", "patch", "head", "options")
                            .contains(method)) {
                        operations.add(method.toUpperCase(Locale.ROOT) + " " + path);
                    }
                }));
        assertThat(operations).hasSizeGreaterThan(20).contains("GET /api/tags", "POST /api/users/login");
        return operations;
    }

    private static void screenshot(String file) throws Exception {
        Files.copy(
                browser.getScreenshotAs(OutputType.FILE).toPath(), Path.of(file), StandardCopyOption.REPLACE_EXISTING);
    }
}
