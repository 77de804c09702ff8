package dev.touchpoint.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.touchpoint.IsolatedApplication;
import dev.touchpoint.TestClock;
import dev.touchpoint.context.ChannelPreferences;
import dev.touchpoint.context.ConsentChange;
import dev.touchpoint.context.ConsentSource;
import dev.touchpoint.context.ConsentStatus;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.CustomerProfile;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.ledger.EntryKind;
import dev.touchpoint.ledger.EvidenceEntry;
import dev.touchpoint.ledger.internal.DefaultEvidenceLedger;
import dev.touchpoint.security.Roles;
import dev.touchpoint.security.TestUsers;
import dev.touchpoint.delivery.internal.TouchpointMetrics;
import dev.touchpoint.campaign.internal.CampaignLauncher;
import io.camunda.client.CamundaClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The web console in a real browser (Debian's headless Chromium) against the whole application on loopback: one
 * application, one browser for every test here. Signing in with the form, each role's pages (and the pages it is
 * refused), a campaign created, given an audience with a bad row, dry-run, launched and paused from its page, a
 * customer timeline showing a withheld touchpoint's reason and the journey path, erasure behind the typed
 * confirmation, a journey diagram with counts, the template gallery and the operations page. Screenshots go to
 * {@code target/console-screenshots/}, or to {@code -Dtouchpoint.console.screenshots=../docs/images} for the guides.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserIT {

    static final Path SCREENSHOTS = Path.of(System.getProperty("touchpoint.console.screenshots", "target/console-screenshots"));

    @DynamicPropertySource
    static void isolated(DynamicPropertyRegistry registry) {
        IsolatedApplication.register(registry, "touchpoint.context.samples.enabled=false",
                "touchpoint.campaigns.poll-interval=100ms");
    }

    @LocalServerPort int port;
    @Autowired CustomerContextStore customers;
    @Autowired DefaultEvidenceLedger ledger;
    @Autowired CamundaClient client;
    @Autowired Clock clock;
    @Autowired MeterRegistry meters;

    private HeadlessChromium chromium;
    private WebDriver driver;

    @BeforeAll
    void browser() {
        chromium = new HeadlessChromium(1280, 900);
        driver = chromium.driver;
    }

    @AfterAll
    void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void everyRoleOpensItsPagesAndIsRefusedTheOthers() {
        driver.manage().deleteAllCookies();
        driver.get(url("/"));
        waitFor(By.id("username"));
        assertThat(driver.getCurrentUrl()).as("signed out: / leads to the sign-in page").endsWith("/console/login");
        screenshot("login");

        Map<String, Set<String>> allowed = ConsoleModel.PAGES;
        List<String> wrong = new ArrayList<>();
        for (String role : Roles.ALL) {
            signIn(role);
            for (Map.Entry<String, Set<String>> page : allowed.entrySet()) {
                boolean may = page.getValue().contains(role);
                boolean inMenu = !driver.findElements(By.cssSelector("header nav a[href$='/console/" + page.getKey() + "']")).isEmpty();
                if (inMenu != may) {
                    wrong.add(role + ": menu " + (inMenu ? "shows " : "hides ") + page.getKey());
                }
            }
            for (Map.Entry<String, Set<String>> page : allowed.entrySet()) {
                driver.get(url("/console/" + page.getKey()));
                waitFor(By.tagName("h1"));
                boolean denied = !driver.findElements(By.id("denied")).isEmpty();
                if (denied == page.getValue().contains(role)) {
                    wrong.add(role + ": /console/" + page.getKey() + (denied ? " refused" : " opened"));
                }
            }
        }
        assertThat(wrong).as("pages each role may open: " + allowed).isEmpty();

        // every form control has a label (screen readers, and a click on the label focuses it)
        signIn(Roles.ADMIN);
        for (String page : List.of("/console/journeys", "/console/journeys/welcome", "/console/campaigns", "/console/customers",
                "/console/templates?template=welcome", "/console/operations")) {
            driver.get(url(page));
            waitFor(By.tagName("h1"));
            Object unlabelled = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                    "return Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))"
                            + ".filter(e => e.labels.length === 0 && !e.getAttribute('aria-label')).map(e => e.id || e.name)");
            assertThat((List<?>) unlabelled).as("controls without a label on " + page).isEmpty();
        }

        signIn(Roles.MARKETING);
        driver.get(url("/console/customers"));
        assertThat(waitFor(By.id("denied")).getText()).contains("roles do not allow");
        screenshot("denied");
        driver.findElement(By.cssSelector("form.signout button")).click();
        waitFor(By.id("username"));
        assertThat(driver.getCurrentUrl()).contains("/console/login?logout");
        driver.get(url("/console/campaigns"));
        waitFor(By.id("username"));
    }

    @Test
    void marketingCreatesUploadsDryRunsLaunchesAndPausesACampaign() throws IOException {
        List<String> audience = List.of(customer(Channel.EMAIL), customer(Channel.EMAIL), customer());
        signIn(Roles.MARKETING);
        driver.get(url("/console/campaigns"));
        String name = "Console winback " + UUID.randomUUID().toString().substring(0, 6);
        waitFor(By.id("name")).sendKeys(name);
        driver.findElement(By.id("throttle")).clear();
        driver.findElement(By.id("throttle")).sendKeys("2");
        screenshot("campaigns");
        driver.findElement(By.cssSelector("#create button[type=submit]")).click();
        assertThat(waitFor(By.cssSelector(".flash.ok")).getText()).contains("created as DRAFT");

        Path csv = Files.createTempFile("audience-", ".csv");
        Files.writeString(csv, "customerId\n" + String.join("\n", audience) + "\nnot a valid id!\n");
        driver.findElement(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
        driver.findElement(By.cssSelector("#upload button[type=submit]")).click();
        WebElement report = waitFor(By.id("upload-report"));
        assertThat(report.getText()).contains("3 added");
        assertThat(driver.findElement(By.id("row-errors")).getText()).as("the bad row, by line").contains("line 5");
        Files.delete(csv);

        driver.findElement(By.id("dry-run")).click();
        WebElement dryRun = waitFor(By.id("dry-run-report"));
        assertThat(dryRun.getText()).contains("2 of 3 customers", "EMAIL", "NO_CONSENT");

        WebElement throttle = driver.findElement(By.id("launchThrottle"));
        throttle.clear();
        throttle.sendKeys("0.5");
        driver.findElement(By.cssSelector("#launch button[type=submit]")).click();
        waitFor(By.id("state"));
        assertThat(text(By.id("state"))).isEqualTo("RUNNING");
        assertThat(driver.findElement(By.tagName("main")).getText()).as("the throttle chosen at launch")
                .contains("at most 0.5 journeys per second");
        // the progress block refreshes itself (htmx) while the launcher works through the audience
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> Integer.parseInt(text(By.id("entered")))
                + Integer.parseInt(text(By.id("suppressed"))) >= 1);
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart.rendered")));
        screenshot("campaign-running", By.id("chart"));
        assertThat(meters.find(CampaignLauncher.STARTS_METRIC).tag("journey", "winback-campaign").counters().stream()
                .mapToDouble(c -> c.count()).sum()).as("campaign progress as a metric").isGreaterThanOrEqualTo(1);
        new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    d.findElement(By.id("pause")).click();
                    return true;
                });
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> "PAUSED".equals(text(By.id("state"))));
        assertThat(driver.findElements(By.id("resume"))).hasSize(1);
    }

    @Test
    void complianceFindsACustomerByEmailAndSeesTheWithheldTouchpointsReasonAndPath() {
        String id = customer();
        String email = id + "@example.com";
        client.newPublishMessageCommand().messageName("customer.signed-up").correlationKey(id)
                .variables(Map.of("customerId", id, "offerCode", "WELCOME15", "offerPercent", 15,
                        "offerExpires", LocalDate.now(clock).plusDays(30).toString()))
                .timeToLive(Duration.ofMinutes(1)).send().join();
        await().atMost(Duration.ofSeconds(60)).until(() -> ledger.reader().allOf(id).stream()
                .anyMatch(e -> e.kind() == EntryKind.DECISION && "SUPPRESS".equals(e.decision())));
        EvidenceEntry suppressed = ledger.reader().allOf(id).stream()
                .filter(e -> e.kind() == EntryKind.DECISION && "SUPPRESS".equals(e.decision())).findFirst().orElseThrow();

        signIn(Roles.COMPLIANCE);
        driver.get(url("/console/customers"));
        waitFor(By.id("q")).sendKeys(email);
        driver.findElement(By.cssSelector("#search button")).click();
        waitFor(By.id("timeline"));
        assertThat(driver.getCurrentUrl()).endsWith("/console/customers/" + id);
        WebElement withheld = driver.findElement(By.cssSelector("#timeline tr.withheld"));
        assertThat(withheld.getText()).contains(suppressed.reason(), "SUPPRESS", suppressed.templateId() + "@" + suppressed.templateVersion());
        assertThat(driver.findElement(By.id("verification")).getText()).contains("verified");
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#journeys .diagram.rendered .tp-path")));
        screenshot("customer-timeline", By.id("timeline"));
        assertThat(meters.find(TouchpointMetrics.TOUCHPOINTS).tag("outcome", "SUPPRESSED").tag("reason", suppressed.reason())
                .counter()).as("withheld touchpoints as a metric, by reason").isNotNull();
        assertThat(meters.find(TouchpointMetrics.DECISIONS).tag("decision", "SUPPRESS").counter()).isNotNull();

        WebElement confirm = driver.findElement(By.id("confirm"));
        WebElement erase = driver.findElement(By.id("erase-button"));
        assertThat(erase.isEnabled()).as("erasure waits for the typed id").isFalse();
        confirm.sendKeys(id);
        assertThat(erase.isEnabled()).isTrue();
        erase.click();
        assertThat(waitFor(By.cssSelector(".flash.ok")).getText()).contains("Customer " + id + " erased");
        assertThat(customers.findProfile(id)).isEmpty();
        assertThat(driver.findElement(By.id("verification")).getText()).as("the chain still verifies after erasure").contains("verified");
    }

    @Test
    void designerSeesTheJourneyDiagramWithCountsAndTheTemplateGallery() {
        String id = customer(Channel.EMAIL);
        client.newPublishMessageCommand().messageName("customer.signed-up").correlationKey(id)
                .variables(Map.of("customerId", id, "offerCode", "WELCOME15", "offerPercent", 15,
                        "offerExpires", LocalDate.now(clock).plusDays(30).toString()))
                .timeToLive(Duration.ofMinutes(1)).send().join();
        await().atMost(Duration.ofSeconds(60)).until(() -> ledger.reader().allOf(id).stream()
                .anyMatch(e -> e.kind() == EntryKind.DELIVERY_ATTEMPT && "SENT".equals(e.outcome())));

        signIn(Roles.DESIGNER);
        driver.get(url("/console/journeys"));
        waitFor(By.linkText("welcome")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#diagram.rendered .djs-overlay .badge.sent")));
        // from the engine's records: the instance waits for the app (or two days) after its email
        assertThat(driver.findElements(By.cssSelector("#diagram .djs-overlay .badge.active"))).as("active instances").isNotEmpty();
        assertThat(driver.findElement(By.cssSelector(".summary")).getText()).containsPattern("Instances: [1-9]\\d* active");
        assertThat(driver.findElement(By.cssSelector("#diagram .bjs-powered-by")).isDisplayed())
                .as("the bpmn.io watermark stays visible").isTrue();
        assertThat(driver.findElement(By.id("tasks")).getText()).contains("welcome-email");
        screenshot("journey");
        assertThat(meters.find(TouchpointMetrics.TOUCHPOINTS).tag("channel", "email").tag("outcome", "SENT").counter().count())
                .as("sent touchpoints as a metric").isGreaterThanOrEqualTo(1);
        assertThat(meters.find(TouchpointMetrics.PROVIDER_LATENCY).tag("channel", "email").tag("result", "accepted").timer().count())
                .isGreaterThanOrEqualTo(1);

        driver.get(url("/console/templates"));
        waitFor(By.cssSelector(".gallery"));
        assertThat(driver.findElements(By.cssSelector(".preview"))).hasSizeGreaterThan(4);
        assertThat(driver.findElement(By.cssSelector(".preview .sms .meta")).getText()).contains("segment");
        assertThat(driver.findElements(By.cssSelector("iframe.email[sandbox='']"))).isNotEmpty();
        screenshot("templates");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("locale"))).selectByIndex(1);
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("template"))).selectByValue("welcome");
        driver.findElement(By.cssSelector("#template-filter button")).click();
        WebElement variables = waitFor(By.id("variables"));
        assertThat(variables.getText()).contains("offerCode");
        variables.clear();
        variables.sendKeys("{\"offerCode\": \"CONSOLE42\"}");
        driver.findElement(By.cssSelector("#variables-form button")).click();
        waitFor(By.cssSelector(".gallery"));
        assertThat(driver.findElement(By.id("welcome-sms")).getText()).contains("CONSOLE42");

        // a tablet held upright: no page scrolls sideways (wide tables scroll inside themselves)
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(820, 1180));
        try {
            for (String page : List.of("/console/journeys/welcome", "/console/templates", "/console/journeys")) {
                driver.get(url(page));
                waitFor(By.tagName("h1"));
                Object overflow = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                assertThat(((Number) overflow).intValue()).as(page + " at 820 px").isLessThanOrEqualTo(0);
            }
        } finally {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        }
    }

    @Test
    void marketingSeesEachSurveysScoreWithItsIntervalAndAWeeklyChart(
            @Autowired dev.touchpoint.survey.SurveyInvitations invitations) {
        // five NPS surveys sent and answered 10, 9, 9, 7, 3: 3 promoters, 1 detractor of 5, NPS = 100 x (3 - 1) / 5 = 40
        java.time.Instant now = clock.instant();
        int n = 0;
        for (int score : new int[] {10, 9, 9, 7, 3}) {
            String key = "console-survey-" + (++n) + "-" + java.util.UUID.randomUUID();
            dev.touchpoint.brand.SurveyLinks links = invitations.issue(new dev.touchpoint.delivery.SurveyLinkIssuer.Invitation(
                    key, "console-survey-customer-" + n, "nps-survey", dev.touchpoint.brand.SurveyMetric.NPS,
                    "order-shipped:1", "order-shipped", dev.touchpoint.channel.Channel.EMAIL, "en"));
            invitations.sent(key, now);
            String token = links.page().substring(links.page().lastIndexOf('/') + 1);
            assertThat(invitations.answer(invitations.verify(token).orElseThrow(), score, "EMAIL", now))
                    .isEqualTo(dev.touchpoint.survey.SurveyInvitations.Answer.RECORDED);
        }

        signIn(Roles.MARKETING);
        driver.get(url("/console/surveys"));
        WebElement row = waitFor(By.cssSelector("#results tr[data-survey='nps-survey']"));
        List<String> cells = row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
        assertThat(cells.subList(0, 5)).containsExactly("NPS", "5", "5", "100.0%", "40.0");
        assertThat(cells.get(5)).as("the 95%% interval").matches("-?\\d+\\.\\d to \\d+\\.\\d");
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#chart-nps-survey.rendered canvas")));
        assertThat(driver.findElement(By.cssSelector("#chart-nps-survey")).getText()).contains("score", "ciLow", "ciHigh");
        screenshot("surveys");
    }

    @Test
    void operatorSeesHealthProvidersKiosksLedgerQueueAndThroughput() {
        signIn(Roles.OPERATOR);
        driver.get(url("/console/operations"));
        WebElement health = waitFor(By.id("health"));
        assertThat(health.getText()).contains("engine", "db", "ledger");
        assertThat(driver.findElement(By.id("ledger-queue")).getText()).matches("\\d+");
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#throughput.rendered")));
        screenshot("operations");
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private String customer(Channel... consented) {
        String id = "console-" + UUID.randomUUID().toString().substring(0, 8);
        customers.upsert(new CustomerProfile(id, "Kim", "Tester", Locale.ENGLISH, TestClock.zoneWhereItIs(12, clock.instant()),
                id + "@example.com", null, List.of(), "silver", "berlin-mitte", Map.of(), ChannelPreferences.NONE, null));
        for (Channel channel : consented) {
            customers.recordConsent(new ConsentChange(id, channel, Purpose.MARKETING, ConsentStatus.GRANTED, ConsentSource.API,
                    "console browser test", clock.instant()));
        }
        return id;
    }

    private void signIn(String role) {
        driver.manage().deleteAllCookies();
        driver.get(url("/console/login"));
        waitFor(By.id("username")).sendKeys(TestUsers.userName(role));
        driver.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        waitFor(By.cssSelector("form.signout"));
        assertThat(driver.getCurrentUrl()).endsWith("/console");
    }

    /** The text of an element that a partial update (htmx) may replace at any moment. */
    private String text(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(by).getText());
    }

    private WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private void screenshot(String name, By scrollTo) {
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})",
                driver.findElement(scrollTo));
        screenshot(name);
    }

    private void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve("console-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
