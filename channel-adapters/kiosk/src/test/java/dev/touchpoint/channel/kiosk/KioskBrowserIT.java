package dev.touchpoint.channel.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.touchpoint.channel.DeliveryFailure;
import dev.touchpoint.channel.DeliveryReceipt;
import dev.touchpoint.channel.DeliveryStatus;
import dev.touchpoint.channel.FailureKind;
import dev.touchpoint.channel.FailureReason;
import dev.touchpoint.channel.KioskContent;
import dev.touchpoint.channel.KioskOfferAccepted;
import dev.touchpoint.channel.KioskScreenDismissed;
import dev.touchpoint.channel.KioskScreenDisplayed;
import dev.touchpoint.channel.KioskSendToPhoneRequested;
import dev.touchpoint.channel.KioskTarget;
import dev.touchpoint.channel.OutboundMessage;
import dev.touchpoint.channel.kiosk.autoconfigure.KioskAccess;
import dev.touchpoint.channel.kiosk.web.KioskPageEndpoints;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The kiosk page in a real browser against the running application: headless Chromium opens the page, the adapter
 * sends a screen rendered by the brand design system, the test sees it with the brand's colours, taps the buttons,
 * and the customer events arrive. One browser for the class.
 */
@SpringBootTest(classes = KioskTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "touchpoint.channels.kiosk.secret=browser-test-secret-0123456789abcdefghij",
            "touchpoint.channels.kiosk.heartbeat=2s",
            "touchpoint.channels.kiosk.presence-ttl=6s",
            "touchpoint.channels.kiosk.kiosks[0].store-id=berlin-mitte",
            "touchpoint.channels.kiosk.kiosks[0].kiosk-id=entrance-1",
            "touchpoint.channels.kiosk.kiosks[0].zone=entrance"
        })
class KioskBrowserIT {

    static final String STORE = "berlin-mitte";
    static final String KIOSK = "entrance-1";
    /** The brand's primary colour (#1f3d2b) as the browser reports it. */
    static final String BRAND_PRIMARY = "rgba(31, 61, 43, 1)";
    static final Duration UI = Duration.ofSeconds(15);

    private static HeadlessChromium chromium;

    @LocalServerPort
    int port;
    @Autowired
    WebSocketKioskAdapter adapter;
    @Autowired
    KioskTestApp.KioskEvents events;
    @Autowired
    KioskAccess access;
    @Autowired
    KioskDirectory directory;
    @Autowired
    KioskHub hub;

    @BeforeAll
    static void startBrowser() {
        chromium = new HeadlessChromium(1080, 1500);
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void forget() {
        events.clear();
    }

    @Test
    void theKioskShowsTheScreenWithTheBrandAndTheCustomersAcceptComesBackAsAnEvent() throws IOException {
        WebDriver browser = openKiosk(STORE, KIOSK);
        OutboundMessage message = screenFor("cust-ada", KioskTarget.kiosk(STORE, KIOSK),
                KioskScreens.storeGreeting(Duration.ofSeconds(60)));

        DeliveryReceipt receipt = adapter.send(message);

        assertThat(receipt.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(receipt.providerMessageId()).startsWith(STORE + "/" + KIOSK + "/");
        WebElement page = browser.findElement(By.id("kiosk"));
        assertThat(page.getDomAttribute("data-displayed")).isEqualTo(receipt.providerMessageId());
        WebElement accept = browser.findElement(By.cssSelector("[data-action=ACCEPT_OFFER]"));
        assertThat(accept.getText()).isEqualTo("Take the offer");
        assertThat(accept.getCssValue("background-color")).isEqualTo(BRAND_PRIMARY);
        assertThat(browser.findElement(By.cssSelector("[data-action=SEND_TO_PHONE]")).getText())
                .isEqualTo("Send to my phone");

        browser.switchTo().frame(browser.findElement(By.id("screen")));
        WebElement headline = browser.findElement(By.cssSelector(".tp-kiosk-headline"));
        assertThat(headline.getText()).isEqualTo("Welcome back, Ada");
        assertThat(headline.getCssValue("color")).isEqualTo(BRAND_PRIMARY);
        assertThat(browser.findElement(By.cssSelector(".tp-kiosk-code")).getText()).isEqualTo("HELLO10");
        browser.switchTo().defaultContent();
        screenshot();

        accept.click();

        await().atMost(UI).until(() -> !events.of(KioskOfferAccepted.class).isEmpty());
        KioskOfferAccepted accepted = events.of(KioskOfferAccepted.class).getFirst();
        assertThat(accepted.providerMessageId()).isEqualTo(receipt.providerMessageId());
        assertThat(accepted.customerId()).isEqualTo("cust-ada");
        assertThat(accepted.idempotencyKey()).isEqualTo(message.idempotencyKey());
        assertThat(accepted.storeId()).isEqualTo(STORE);
        assertThat(events.of(KioskScreenDisplayed.class)).extracting(KioskScreenDisplayed::providerMessageId)
                .containsExactly(receipt.providerMessageId());
        assertThat(browser.findElement(By.id("confirmation-text")).getText()).isEqualTo("Thank you!");
    }

    @Test
    void aSurveyScreenShowsFiveFacesAndTheTappedScoreComesBackAsAnAnswer() throws IOException {
        WebDriver browser = openKiosk(STORE, KIOSK);
        OutboundMessage message = screenFor("cust-gus", KioskTarget.kiosk(STORE, KIOSK), KioskScreens.csatSurvey(Duration.ofSeconds(60)));

        DeliveryReceipt receipt = adapter.send(message);

        assertThat(receipt.status()).as("acknowledged like any screen").isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(browser.findElement(By.id("kiosk")).getDomAttribute("data-displayed")).isEqualTo(receipt.providerMessageId());
        java.util.List<WebElement> faces = browser.findElements(By.cssSelector(".tp-scale-faces .tp-score"));
        assertThat(faces).extracting(f -> f.getDomAttribute("data-score")).containsExactly("1", "2", "3", "4", "5");
        assertThat(faces).extracting(f -> f.getDomAttribute("aria-label")).containsExactly("Very dissatisfied (1)",
                "Dissatisfied (2)", "Neutral (3)", "Satisfied (4)", "Very satisfied (5)");
        assertThat(faces.getFirst().getSize().getHeight()).as("touch-sized").isGreaterThanOrEqualTo(88);
        assertThat(faces).allSatisfy(f -> assertThat(f.findElements(By.cssSelector("svg.tp-face path"))).hasSize(1));
        assertThat(faces.getFirst().getCssValue("border-top-color")).isEqualTo(BRAND_PRIMARY);
        assertThat(browser.findElements(By.cssSelector("[data-action=ACCEPT_OFFER]"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("[data-action=DISMISS]")).getText()).isEqualTo("No, thanks");
        browser.switchTo().frame(browser.findElement(By.id("screen")));
        assertThat(browser.findElement(By.cssSelector(".tp-kiosk-headline")).getText())
                .isEqualTo("How satisfied are you with your order?");
        browser.switchTo().defaultContent();
        screenshot();

        faces.get(1).click();

        await().atMost(UI).until(() -> !events.of(dev.touchpoint.channel.KioskSurveyAnswered.class).isEmpty());
        assertThat(events.of(dev.touchpoint.channel.KioskSurveyAnswered.class)).singleElement().satisfies(answer -> {
            assertThat(answer.score()).isEqualTo(2);
            assertThat(answer.customerId()).isEqualTo("cust-gus");
            assertThat(answer.idempotencyKey()).isEqualTo(message.idempotencyKey());
            assertThat(answer.providerMessageId()).isEqualTo(receipt.providerMessageId());
        });
        assertThat(browser.findElement(By.id("confirmation-text")).getText()).isEqualTo("Thank you for your answer!");
        await().atMost(UI).until(() -> "0".equals(browser.findElement(By.id("kiosk")).getDomAttribute("data-unacknowledged")));
        assertThat(events.of(KioskScreenDismissed.class)).isEmpty();
    }

    @Test
    void anAcceptThatFailsBehindTheHubIsSentAgainByThePageAndRecordedOnce() {
        WebDriver browser = openKiosk(STORE, KIOSK);
        DeliveryReceipt receipt = adapter.send(screenFor("cust-fay", KioskTarget.kiosk(STORE, KIOSK),
                KioskScreens.storeGreeting(Duration.ofSeconds(60))));
        events.failingActions.set(2);

        browser.findElement(By.cssSelector("[data-action=ACCEPT_OFFER]")).click();

        await().atMost(UI).until(() -> !events.of(KioskOfferAccepted.class).isEmpty());
        assertThat(events.failingActions.get()).as("both failures were retried by the page").isZero();
        await().atMost(UI).until(() -> "0".equals(browser.findElement(By.id("kiosk")).getDomAttribute("data-unacknowledged")));
        assertThat(events.of(KioskOfferAccepted.class)).singleElement()
                .satisfies(e -> assertThat(e.providerMessageId()).isEqualTo(receipt.providerMessageId()));
        await().atMost(UI).until(() -> browser.findElement(By.id("idle")).isDisplayed());
    }

    @Test
    void sendToPhoneAndDismissAreTypedEventsToo() {
        WebDriver browser = openKiosk(STORE, KIOSK);

        DeliveryReceipt first = adapter.send(screenFor("cust-ben", KioskTarget.nearest(STORE, "entrance"),
                KioskScreens.storeGreeting(Duration.ofSeconds(60))));
        browser.findElement(By.cssSelector("[data-action=SEND_TO_PHONE]")).click();
        await().atMost(UI).until(() -> !events.of(KioskSendToPhoneRequested.class).isEmpty());
        assertThat(events.of(KioskSendToPhoneRequested.class).getFirst().providerMessageId())
                .isEqualTo(first.providerMessageId());

        // the page thanks the customer for a few seconds and asks the hub to wait before the next screen
        DeliveryFailure busy = catchThrowableOfType(DeliveryFailure.class, () -> adapter.send(screenFor("cust-cem",
                KioskTarget.kiosk(STORE, KIOSK), KioskScreens.storeGreeting(Duration.ofSeconds(60)))));
        assertThat(busy.kind()).isEqualTo(FailureKind.RETRYABLE);
        assertThat(busy.vendorCode()).isEqualTo(WebSocketKioskAdapter.KIOSK_BUSY);

        await().atMost(UI).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> adapter.send(
                screenFor("cust-cem", KioskTarget.kiosk(STORE, KIOSK),
                        KioskScreens.storeGreeting(Duration.ofSeconds(60)))) != null);
        browser.findElement(By.cssSelector("[data-action=DISMISS]")).click();
        await().atMost(UI).until(() -> !events.of(KioskScreenDismissed.class).isEmpty());
        assertThat(events.of(KioskScreenDismissed.class).getFirst().customerId()).isEqualTo("cust-cem");
        await().atMost(UI).until(() -> browser.findElement(By.id("idle")).isDisplayed());
    }

    @Test
    void aKioskClosedMidTestYieldsTheOfflineFailure() {
        WebDriver browser = chromium.driver;
        String main = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB);
        try {
            openKiosk(STORE, "checkout-2");
        } finally {
            browser.close();
            browser.switchTo().window(main);
        }
        await().atMost(UI).until(() -> directory.find(STORE, "checkout-2").isEmpty());

        DeliveryFailure failure = catchThrowableOfType(DeliveryFailure.class, () -> adapter.send(screenFor(
                "cust-dan", KioskTarget.kiosk(STORE, "checkout-2"), KioskScreens.storeGreeting(Duration.ofSeconds(30)))));

        assertThat(failure.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(failure.reason()).isEqualTo(FailureReason.UNREACHABLE);
        assertThat(failure.vendorCode()).isEqualTo(WebSocketKioskAdapter.KIOSK_OFFLINE);
    }

    @Test
    void afterTheConnectionDropsThePageReconnectsWithBackoffAndTheNextScreenArrives() {
        WebDriver browser = openKiosk(STORE, KIOSK);
        String firstSession = directory.find(STORE, KIOSK).orElseThrow().sessionId();

        assertThat(hub.disconnect(STORE, KIOSK)).isTrue();

        await().atMost(UI).until(() -> directory.find(STORE, KIOSK)
                .filter(p -> !p.sessionId().equals(firstSession)).isPresent());
        assertThat(browser.findElement(By.id("kiosk")).getDomAttribute("data-reconnect-ms")).isNotNull();
        await().atMost(UI).until(() -> "online".equals(browser.findElement(By.id("kiosk")).getDomAttribute("data-state")));
        DeliveryReceipt receipt = adapter.send(screenFor("cust-eva", KioskTarget.kiosk(STORE, KIOSK),
                KioskScreens.storeGreeting(Duration.ofSeconds(30))));
        assertThat(receipt.status()).isEqualTo(DeliveryStatus.DELIVERED);
    }

    @Test
    void aWrongTokenGets403AndNoSocket() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base() + "/kiosk/" + STORE + "/"
                + KIOSK + "?token=forged")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).doesNotContain("kiosk.js");

        HttpResponse<String> good = http.send(HttpRequest.newBuilder(URI.create(kioskUrl(STORE, KIOSK))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(good.statusCode()).isEqualTo(200);
        assertThat(good.headers().firstValue("Content-Security-Policy"))
                .contains(KioskPageEndpoints.CONTENT_SECURITY_POLICY);
        assertThat(good.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base() + "/api/sandbox/kiosk/links")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).as("no sandbox links with a configured secret")
                .isEqualTo(404);

        CompletionException refused = catchThrowableOfType(CompletionException.class, () -> http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/kiosk/ws?store=" + STORE + "&kiosk=" + KIOSK
                        + "&token=forged"), new WebSocket.Listener() { }).join());
        assertThat(refused.getCause()).isInstanceOf(WebSocketHandshakeException.class);
        assertThat(((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode()).isEqualTo(403);
        assertThat(directory.all()).noneMatch(p -> p.kioskId().equals("forged"));
    }

    /** Opens a kiosk page in the current window and waits until it is connected. */
    private WebDriver openKiosk(String storeId, String kioskId) {
        WebDriver browser = chromium.driver;
        browser.get(kioskUrl(storeId, kioskId));
        await().atMost(UI).until(() -> "online".equals(browser.findElement(By.id("kiosk")).getDomAttribute(
                "data-state")) && directory.find(storeId, kioskId).isPresent());
        return browser;
    }

    private String kioskUrl(String storeId, String kioskId) {
        return base() + "/kiosk/" + storeId + "/" + kioskId + "?token="
                + access.tokens().derivedToken(storeId, kioskId);
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private static OutboundMessage screenFor(String customerId, KioskTarget target, KioskContent content) {
        return new OutboundMessage("browser-" + UUID.randomUUID(), customerId, target.recipient(), content);
    }

    /**
     * Keeps what the kiosk shows: always under target/, and for the docs when
     * {@code -Dtouchpoint.kiosk.screenshot=<path>} is given (e.g. ../../docs/images/kiosk-screen.png).
     */
    private static void screenshot() throws IOException {
        byte[] png = chromium.driver.getScreenshotAs(OutputType.BYTES);
        Files.write(Path.of("target", "kiosk-screen.png"), png);
        String docs = System.getProperty("touchpoint.kiosk.screenshot");
        if (docs != null && !docs.isBlank()) {
            Files.write(Path.of(docs), png);
        }
        assertThat(png.length).isGreaterThan(10_000);
    }
}
