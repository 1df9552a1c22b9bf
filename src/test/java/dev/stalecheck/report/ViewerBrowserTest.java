package dev.stalecheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.support.Cli;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The HTML viewer in a real browser: Debian's headless chromium driven through chromedriver (run with -Pbrowser;
 * {@code bash .ci/run} installs both). Nothing is downloaded.
 */
@Tag("browser")
class ViewerBrowserTest {
    /**
     * Selenium's own logger: it warns that it has no DevTools (CDP) support for this chromium version, which these
     * tests never use. Held in a field because java.util.logging keeps loggers only weakly.
     */
    private static final java.util.logging.Logger SELENIUM = java.util.logging.Logger.getLogger("org.openqa.selenium");
    private static ChromeDriver driver;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        SELENIUM.setLevel(Level.SEVERE);
        dir = Files.createTempDirectory("viewer");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,900",
                "--user-data-dir=" + dir.resolve("profile"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    private static Path page(String name, String... checkArgs) throws Exception {
        Path html = dir.resolve(name);
        String[] args = new String[checkArgs.length + 4];
        args[0] = "check";
        args[1] = "-q";
        args[2] = "--html";
        args[3] = html.toString();
        System.arraycopy(checkArgs, 0, args, 4, checkArgs.length);
        Cli.run(args);
        return html;
    }

    private static WebElement current() {
        return driver.findElement(By.cssSelector("#timeline tr.current"));
    }

    private static WebElement cell(String cache, int set, int way) {
        return driver.findElement(By.cssSelector("td.cell[data-cache='" + cache + "'][data-set='" + set
                + "'][data-way='" + way + "']"));
    }

    @Test
    void steppingRedrawsTheCacheAndTheFailingStepIsMarked() throws Exception {
        driver.get(page("kvm.html", "examples/kvm-invalidate.scn").toUri().toString());
        // It opens on the last step of the shortest counterexample, which is marked as breaking the expectation.
        assertThat(current().getAttribute("data-step")).isEqualTo("3");
        assertThat(driver.findElements(By.cssSelector("#timeline tr.breaking"))).hasSize(1);
        assertThat(driver.findElement(By.id("explain")).getText()).contains("breaks: kvm.r1 == 0x80003013")
                .contains("discarded");

        driver.findElement(By.id("first")).click();
        driver.findElement(By.tagName("body")).sendKeys(Keys.ARROW_RIGHT);
        // Step 1, the guest's store: the L1D line at set 0 way 0 is now dirty with the PTE, and highlighted.
        assertThat(current().getAttribute("data-step")).isEqualTo("1");
        WebElement line = cell("cpu0.l1d", 0, 0);
        assertThat(line.getAttribute("class")).contains("dirty").contains("changed").contains("differs");
        assertThat(line.getText()).contains("0x80003013");

        driver.findElement(By.id("next")).click();
        // Step 2, dc ivac: the dirty line was discarded, so the L1D shows nothing and RAM still holds zero.
        assertThat(current().getAttribute("data-step")).isEqualTo("2");
        assertThat(driver.findElements(By.cssSelector("td.cell[data-cache='cpu0.l1d'].dirty"))).isEmpty();
        assertThat(driver.findElement(By.id("ram")).getText()).contains("all zero");

        List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertThat(severe).as("console errors").isEmpty();
        Files.write(Path.of("target/viewer.png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void thisSessionsEffectsStepWithoutConsoleErrors() throws Exception {
        // Back-invalidated L1D lines (an inclusive L2), SMMU TLB effects, a TLB conflict's choice and operations in
        // flight: stepping from the first step to the last of each page draws every step (the timeline's current row
        // moves on one step at a time) and the browser logs no error.
        for (String file : List.of("src/test/resources/golden/a15-inclusive-stale-l1-may-survive.scn",
                "src/test/resources/golden/smmu-noncoherent-no-clean.scn",
                "examples/ordering/kvm-stage2-remap-no-bbm.scn")) {
            driver.get(page(Path.of(file).getFileName() + ".html", file).toUri().toString());
            driver.findElement(By.id("first")).click();
            driver.findElement(By.id("next")).click();
            List<Integer> visited = new java.util.ArrayList<>();
            visited.add(Integer.parseInt(current().getAttribute("data-step")));
            for (int i = 0; i < 100; i++) {
                driver.findElement(By.id("next")).click();
                int step = Integer.parseInt(current().getAttribute("data-step"));
                if (step == visited.get(visited.size() - 1)) {
                    break;
                }
                visited.add(step);
            }
            assertThat(visited).as(file).hasSizeGreaterThan(2).isSorted();
            List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
            assertThat(severe).as(file + ": console errors").isEmpty();
        }
    }

    @Test
    void userStringsAreShownAsText() throws Exception {
        Path f = Cli.write(dir, "evil.scn", "scenario \"<script>alert(1)</script> & co\"\n"
                + "doc \"<img src=x onerror=alert(2)>\"\nspace s { 0 -> 0 size 4K }\n"
                + "thread t on cpu0 in s { r1 = load [0x10] }\nexpect t.r1 == 1\n");
        driver.get(page("evil.html", f.toString()).toUri().toString());
        assertThat(driver.findElement(By.id("title")).getText()).startsWith("<script>alert(1)</script> & co");
        assertThat(driver.findElement(By.id("doc")).getText()).isEqualTo("<img src=x onerror=alert(2)>");
        assertThat(driver.findElements(By.tagName("img"))).isEmpty();
    }
}
