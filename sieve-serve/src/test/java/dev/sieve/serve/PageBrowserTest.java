package dev.sieve.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sieve.image.io.ImageReadOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.WheelInput;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in headless Chromium (Debian's chromium and chromium-driver, driven by Selenium): a photo
 * is uploaded, the overlay and both JPEGs appear at the photo's size with equal byte counts, the swipe
 * and the synchronized zoom work, and the defenses tab shows a purified image. Screenshots of both tabs
 * are written to {@code target/} (copies are in {@code docs/}).
 */
class PageBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static SieveServer server;
    private static WebDriver driver;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser tests need Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver):"
                        + " sudo apt-get install chromium chromium-driver (./scripts/test installs them when root)");
        server = SieveServer.start(new ServeConfig("127.0.0.1", 0, 2, 16, 50L << 20, Duration.ofSeconds(120), ImageReadOptions.STRICT));
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1100",
                "--force-device-scale-factor=1");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, o);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private static void waitForState(String attribute, String done) {
        new WebDriverWait(driver, Duration.ofSeconds(240)).until(d -> {
            Object s = js("return document.body.dataset." + attribute + ";");
            return done.equals(s) || "error".equals(s);
        });
        String error = driver.findElement(By.id(attribute.equals("state") ? "error" : "defend-error")).getText();
        assertThat(js("return document.body.dataset." + attribute + ";")).as(error).isEqualTo(done);
    }

    private static long naturalWidth(String id) {
        return (Long) js("return document.getElementById(arguments[0]).naturalWidth;", id);
    }

    /** The id of the element hit at {@code fx} of the comparison view's width, half way down. */
    private static String hitAt(double fx) {
        return (String) js("const r = document.getElementById('compare-view').getBoundingClientRect();"
                + "return document.elementFromPoint(r.left + arguments[0] * r.width, r.top + r.height / 2).id;", fx);
    }

    private static void screenshot(String name) throws IOException {
        Path out = Path.of("target", name);
        Files.createDirectories(out.getParent());
        Files.write(out, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void anUploadedPhotoShowsTheOverlayAndBothJpegsAtTheSameBytesWithSwipeAndSynchronizedZoom() throws Exception {
        Path photo = Files.write(tmp.resolve("kodim07.png"), TestPhotos.kodim07Png(768, 512));
        driver.get("http://127.0.0.1:" + server.port() + "/");

        driver.findElement(By.id("file")).sendKeys(photo.toString());
        waitForState("state", "done");

        assertThat(naturalWidth("overlay")).isEqualTo(768);
        assertThat(naturalWidth("semantic")).isEqualTo(768);
        assertThat(naturalWidth("plain")).isEqualTo(768);
        long semantic = Long.parseLong(driver.findElement(By.cssSelector("#row-semantic .bytes")).getText().replace(",", ""));
        long plain = Long.parseLong(driver.findElement(By.cssSelector("#row-plain .bytes")).getText().replace(",", ""));
        assertThat(Math.abs(plain - semantic) / (double) semantic).as("plain JPEG at the semantic one's size, 1 %% tolerance").isLessThanOrEqualTo(0.01);
        for (String row : new String[] {"row-semantic", "row-plain"}) {
            for (String metric : new String[] {"psnr", "psnr_s", "ssim"}) {
                assertThat(Double.parseDouble(driver.findElement(By.cssSelector("#" + row + " ." + metric)).getText())).isPositive();
            }
        }
        screenshot("serve-page.png");

        setSwipe(20);
        assertThat(hitAt(0.1)).isEqualTo("semantic");
        assertThat(hitAt(0.5)).isEqualTo("plain");
        setSwipe(80);
        assertThat(hitAt(0.5)).isEqualTo("semantic");
        assertThat(hitAt(0.9)).isEqualTo("plain");

        WebElement compare = driver.findElement(By.id("compare-view"));
        new Actions(driver).scrollFromOrigin(WheelInput.ScrollOrigin.fromElement(compare), 0, -400).perform();
        String[] transforms = ((java.util.List<?>) js("return [...document.querySelectorAll('#panel-compress .stage')].map(s => s.style.transform);"))
                .toArray(String[]::new);
        assertThat(transforms).hasSize(3);
        assertThat(transforms[0]).contains("scale(").doesNotContain("scale(1)");
        assertThat(transforms).containsOnly(transforms[0]);
    }

    @Test
    void theBuiltInPhotoButtonCompressesKodim07WithoutAnUpload() {
        driver.get("http://127.0.0.1:" + server.port() + "/");
        driver.findElement(By.id("sample")).click();
        waitForState("state", "done");

        assertThat(naturalWidth("semantic")).isEqualTo(768);
        assertThat(naturalWidth("plain")).isEqualTo(768);
        assertThat(driver.findElement(By.id("status")).getText()).startsWith("768 × 512: semantic JPEG");
    }

    private static void setSwipe(int percent) {
        js("const s = document.getElementById('swipe'); s.value = arguments[0]; s.dispatchEvent(new Event('input'));", percent);
    }

    @Test
    void theDefensesTabShowsThePhotoBeforeAndAfterThePipeline() throws Exception {
        Path photo = Files.write(tmp.resolve("small.png"), TestPhotos.kodim07Png(384, 256));
        driver.get("http://127.0.0.1:" + server.port() + "/");
        driver.findElement(By.id("tab-defend")).click();
        assertThat(driver.findElement(By.id("panel-defend")).isDisplayed()).isTrue();

        driver.findElement(By.id("defend-file")).sendKeys(photo.toString());
        driver.findElement(By.id("pipeline")).sendKeys("deflect:k=200,w=10|bitdepth:bits=3");
        driver.findElement(By.id("seed")).clear();
        driver.findElement(By.id("seed")).sendKeys("5");
        driver.findElement(By.id("defend-run")).click();
        waitForState("defend", "done");

        assertThat(naturalWidth("defend-before")).isEqualTo(384);
        assertThat(naturalWidth("defend-after")).isEqualTo(384);
        assertThat(driver.findElement(By.id("defend-status")).getText()).contains("bitdepth:bits=3").contains("seed 5");
        screenshot("serve-defend.png");

        driver.findElement(By.id("pipeline")).clear();
        driver.findElement(By.id("pipeline")).sendKeys("nonsense");
        driver.findElement(By.id("defend-run")).click();
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> "error".equals(js("return document.body.dataset.defend;")));
        assertThat(driver.findElement(By.id("defend-error")).getText()).contains("unknown defense");
    }
}
