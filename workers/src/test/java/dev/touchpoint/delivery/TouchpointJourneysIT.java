package dev.touchpoint.delivery;

import dev.touchpoint.delivery.internal.ExperimentSplitWorker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.touchpoint.IsolatedApplication;
import dev.touchpoint.channel.email.sandbox.SandboxEmail;
import dev.touchpoint.channel.email.sandbox.SandboxEmailSummary;
import dev.touchpoint.channel.email.sandbox.SandboxMailServer;
import dev.touchpoint.channel.push.sandbox.FcmSandbox;
import dev.touchpoint.channel.push.sandbox.SandboxPush;
import dev.touchpoint.channel.sms.sandbox.SandboxSms;
import dev.touchpoint.channel.sms.sandbox.TwilioSandbox;
import dev.touchpoint.context.ChannelPreferences;
import dev.touchpoint.context.ConsentChange;
import dev.touchpoint.context.ConsentSource;
import dev.touchpoint.context.ConsentStatus;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.ConsentRecord;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.CustomerProfile;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.engine.EngineRecords;
import dev.touchpoint.engine.EngineRuntime;
import io.camunda.client.CamundaClient;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real journeys of {@code workflows/journeys/} on the embedded engine with the real touchpoint workers, customer
 * context, brand design system and the sandbox providers: what a customer would receive, asserted at the providers
 * (recipient, channel, template, locale) and in the engine by element id.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TouchpointJourneysIT {

    private static final AtomicInteger CUSTOMERS = new AtomicInteger();

    @DynamicPropertySource
    static void isolated(DynamicPropertyRegistry registry) {
        // one marketing email per customer and day, so two journeys racing for the same customer must share one
        IsolatedApplication.register(registry, "touchpoint.context.budget.marketing-per-channel-per-day.EMAIL=1");
    }

    @Autowired CamundaClient client;
    @Autowired EngineRuntime engine;
    @Autowired CustomerContextStore customers;
    @Autowired SandboxMailServer mailbox;
    @Autowired TwilioSandbox twilio;
    @Autowired FcmSandbox fcm;
    @Autowired org.springframework.boot.test.web.client.TestRestTemplate http;
    @org.springframework.boot.test.web.server.LocalServerPort int port;

    EngineRecords records;

    @BeforeEach
    void records() {
        records = EngineRecords.of(engine);
    }

    @Test
    void welcomeSendsTheEmailInTheCustomersLanguageThenAnSmsWhenNoAppWasInstalled() {
        Customer jonas = customer(Locale.GERMAN, Channel.EMAIL, Channel.SMS);

        publishSignUp(jonas);
        long instance = instanceOf("welcome", jonas);

        SandboxEmailSummary email = awaitEmailTo(jonas);
        assertThat(email.subject()).startsWith("Willkommen bei");
        assertThat(email.marketing()).isTrue();
        // the journey names the result variable of its email task "welcomeEmail" (task header resultVariable)
        String result = await().until(() -> records.variable(instance, "welcomeEmail"), java.util.Optional::isPresent).orElseThrow();
        assertThat(result).contains("\"channel\":\"email\"", "\"status\":\"SENT\"", "\"templateId\":\"welcome\"",
                "\"locale\":\"de\"", "\"contentHash\":\"");

        await().until(() -> records.timerCreated(instance, "two-days-without-app"));
        engine.clock().orElseThrow().advance(Duration.ofDays(2).plusMinutes(1));

        SandboxSms sms = awaitSmsTo(jonas);
        assertThat(sms.body()).contains("WELCOME15");
        await().until(() -> records.instanceCompleted(instance));
        assertThat(records.elementCompleted(instance, "welcomed-by-sms")).isTrue();
    }

    @Test
    void aStopReplyWithdrawsSmsConsentAndTheCartSmsIsWithheld() {
        Customer mia = customer(Locale.ENGLISH, Channel.EMAIL, Channel.SMS);

        publishCartAbandoned(mia);
        long instance = instanceOf("abandoned-cart", mia);
        await().until(() -> records.timerCreated(instance, "one-hour-passed"));
        engine.clock().orElseThrow().advance(Duration.ofHours(1).plusMinutes(1));
        assertThat(awaitEmailTo(mia).marketing()).isTrue();

        // the customer answers an earlier text with STOP: the signed inbound webhook withdraws SMS consent
        twilio.simulateInbound(mia.phone(), "+15005550006", "STOP");
        await().until(() -> customers.findContext(mia.id()).orElseThrow()
                .consent(Channel.SMS, Purpose.MARKETING).map(ConsentRecord::status).orElse(null) == ConsentStatus.WITHDRAWN);
        // journeys hear of it as the event sms.stop (config/event-routing.yaml), once, for this customer
        await().until(() -> records.messagesPublished("sms.stop", mia.id()) == 1);

        await().until(() -> records.timerCreated(instance, "twenty-four-hours-passed"));
        engine.clock().orElseThrow().advance(Duration.ofHours(24).plusMinutes(1));

        await().until(() -> records.instanceCompleted(instance));
        assertThat(records.elementCompleted(instance, "ended-quietly-sms-suppressed")).isTrue();
        assertThat(records.variable(instance, "touchpointSuppressedReason")).contains("\"NO_CONSENT\"");
        assertThat(smsTo(mia)).as("no text after STOP").isEmpty();
    }

    @Test
    void anOrderPlacedEndsTheCartJourneyBeforeTheSms() {
        Customer lena = customer(Locale.GERMAN, Channel.EMAIL, Channel.SMS);

        publishCartAbandoned(lena);
        long instance = instanceOf("abandoned-cart", lena);
        await().until(() -> records.timerCreated(instance, "one-hour-passed"));
        engine.clock().orElseThrow().advance(Duration.ofHours(1).plusMinutes(1));
        awaitEmailTo(lena);
        await().until(() -> records.timerCreated(instance, "twenty-four-hours-passed"));

        client.newPublishMessageCommand().messageName("order.placed").correlationKey(lena.id())
                .timeToLive(Duration.ofMinutes(1)).send().join();

        await().until(() -> records.instanceCompleted(instance));
        assertThat(records.elementCompleted(instance, "cart-recovered")).isTrue();
        assertThat(records.elementActivated(instance, "send-cart-reminder-sms")).isFalse();
        assertThat(smsTo(lena)).isEmpty();
    }

    @Test
    void twoJourneysForTheSameCustomerAtTheSameMinuteShareOneEmailBudget() {
        Customer noah = customer(Locale.ENGLISH, Channel.EMAIL, Channel.SMS);

        publishSignUp(noah);
        client.newCreateInstanceCommand().bpmnProcessId("winback-campaign").latestVersion()
                .variables(Map.of("customerId", noah.id(), "campaignId", "spring-winback",
                        "offerExpires", LocalDate.now().plusDays(14).toString()))
                .send().join();
        long welcome = instanceOf("welcome", noah);
        long winback = instanceOf("winback-campaign", noah);

        await().until(() -> records.elementCompleted(welcome, "welcome-email-handled")
                && (records.elementCompleted(winback, "ended-email-suppressed") || records.elementActivated(winback, "wait-for-click")));
        assertThat(emailsTo(noah)).as("the marketing email budget of one per day").hasSize(1);
        String reasons = records.variable(welcome, "touchpointSuppressedReason").orElse("")
                + records.variable(winback, "touchpointSuppressedReason").orElse("");
        assertThat(reasons).isEqualTo("\"BUDGET_EXHAUSTED\"");
    }

    @Test
    void quietHoursDeferTheTouchpointWithoutUsingUpRetries() {
        Customer night = customer(Locale.ENGLISH, zoneWhereItIs(2), Channel.EMAIL, Channel.SMS);

        publishSignUp(night);
        long instance = instanceOf("welcome", night);

        await().until(() -> !records.failedJobs(instance).isEmpty());
        var failed = records.failedJobs(instance).getFirst();
        assertThat(failed.getErrorMessage()).contains("deferred until", "QUIET_HOURS");
        assertThat(failed.getRetries()).as("retries unchanged").isEqualTo(3);
        assertThat(failed.getRetryBackoff()).isPositive();
        assertThat(emailsTo(night)).isEmpty();
    }

    @Test
    void welcomeSendsAPushInsteadOfAnSmsOnceTheAppIsInstalled() {
        Customer sam = customer(Locale.ENGLISH, zoneWhereItIs(12), List.of("device-" + UUID.randomUUID()),
                Channel.EMAIL, Channel.SMS, Channel.PUSH);

        publishSignUp(sam);
        long instance = instanceOf("welcome", sam);
        awaitEmailTo(sam);
        await().until(() -> records.timerCreated(instance, "two-days-without-app"));
        client.newPublishMessageCommand().messageName("app.installed").correlationKey(sam.id())
                .timeToLive(Duration.ofMinutes(1)).send().join();

        await().until(() -> records.instanceCompleted(instance));
        assertThat(records.elementCompleted(instance, "welcomed-by-push")).isTrue();
        assertThat(pushesTo(sam)).singleElement().satisfies(push -> assertThat(push.body()).isNotBlank());
        assertThat(smsTo(sam)).isEmpty();
    }

    @Test
    void winbackSendsTheCustomersVariantThenAnSmsToThoseWhoDidNotClick() {
        // variant B's subject differs from A's; find one customer per variant with the worker's own assignment
        Customer a = customerInVariant("A");
        Customer b = customerInVariant("B");
        long instanceA = startWinback(a);
        long instanceB = startWinback(b);

        SandboxEmailSummary emailA = awaitEmailTo(a);
        String subjectA = emailA.subject();
        String subjectB = awaitEmailTo(b).subject();
        assertThat(subjectA).isNotEqualTo(subjectB);
        // the job completes after the provider took the email: wait for the engine to record it
        await().until(() -> records.elementCompleted(instanceA, "send-winback-email-a"));
        await().until(() -> records.elementCompleted(instanceB, "send-winback-email-b"));

        // A opens the email and clicks its offer link (the signed click link in the mail as sent); B does not and
        // gets the SMS after three days
        await().until(() -> records.timerCreated(instanceA, "three-days-passed") && records.timerCreated(instanceB, "three-days-passed"));
        SandboxEmail sent = mailbox.message(emailA.id()).orElseThrow();
        java.util.regex.Matcher pixel = java.util.regex.Pattern.compile("<img src=\"[^\"]*(/t/o/[A-Za-z0-9_.-]+\\.gif)\"").matcher(sent.html());
        assertThat(pixel.find()).as("open pixel in the HTML").isTrue();
        java.util.regex.Matcher click = java.util.regex.Pattern.compile("href=\"[^\"]*(/t/c/[A-Za-z0-9_.-]+)\"").matcher(sent.html());
        List<String> clickLinks = new java.util.ArrayList<>();
        while (click.find()) {
            clickLinks.add(click.group(1));
        }
        // the call to action is in both parts (an image-only link, like the logo, has no text to carry it)
        String offerLink = clickLinks.stream().filter(sent.text()::contains).findFirst().orElseThrow(
                () -> new AssertionError("no click link of the HTML is in the text part: " + sent.text()));
        assertThat(get(pixel.group(1)).statusCode()).isEqualTo(200);
        java.net.http.HttpResponse<String> redirected = get(offerLink);
        assertThat(redirected.statusCode()).isEqualTo(302);
        assertThat(redirected.headers().firstValue("Location").orElseThrow()).startsWith("https://");
        await().until(() -> records.instanceCompleted(instanceA));
        engine.clock().orElseThrow().advance(Duration.ofDays(3).plusMinutes(1));
        await().until(() -> records.instanceCompleted(instanceB));

        assertThat(records.elementCompleted(instanceA, "ended-link-clicked")).isTrue();
        assertThat(records.elementCompleted(instanceB, "followed-up-by-sms")).isTrue();
        assertThat(smsTo(a)).isEmpty();
        // the offer the decision table winback-offer chose for a silver member without a favourite category
        assertThat(awaitSmsTo(b).body()).contains("COMEBACK20");
    }

    @Test
    void aPurchaseEndsTheWinbackJourneyAtItsGoal() {
        Customer c = customer(Locale.GERMAN, Channel.EMAIL, Channel.SMS);
        long instance = startWinback(c);
        awaitEmailTo(c);

        client.newPublishMessageCommand().messageName("purchase.completed").correlationKey(c.id())
                .timeToLive(Duration.ofMinutes(1)).send().join();

        await().until(() -> records.instanceCompleted(instance));
        assertThat(records.elementCompleted(instance, "goal-reached")).isTrue();
        assertThat(records.elementActivated(instance, "send-winback-sms")).isFalse();
    }

    @Test
    void theOneClickUnsubscribeLinkOfARealEmailWithdrawsConsentAndATamperedOneChangesNothing() {
        Customer eve = customer(Locale.ENGLISH, Channel.EMAIL, Channel.SMS);
        publishSignUp(eve);
        SandboxEmailSummary email = awaitEmailTo(eve);
        String raw = new String(mailbox.raw(email.id()).orElseThrow(), java.nio.charset.StandardCharsets.US_ASCII)
                .replaceAll("\r\n[ \t]+", " ");
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("(?m)^List-Unsubscribe: <https://[^>]*[?&]t=([A-Za-z0-9._~-]+)>")
                .matcher(raw);
        assertThat(link.find()).as("List-Unsubscribe header with a token").isTrue();
        String token = link.group(1);

        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        assertThat(http.postForEntity("/t/unsubscribe?t=" + tampered, null, String.class).getStatusCode().value()).isEqualTo(403);
        assertThat(emailConsent(eve)).isEqualTo(ConsentStatus.GRANTED);

        assertThat(http.getForEntity("/t/unsubscribe?t=" + token, String.class).getBody()).contains("<form method=\"post\"");
        assertThat(emailConsent(eve)).as("a GET (link scanners) changes nothing").isEqualTo(ConsentStatus.GRANTED);
        assertThat(http.postForEntity("/t/unsubscribe?t=" + token, null, String.class).getStatusCode().value()).isEqualTo(200);
        assertThat(emailConsent(eve)).isEqualTo(ConsentStatus.WITHDRAWN);
        assertThat(customers.findContext(eve.id()).orElseThrow().consent(Channel.SMS, Purpose.MARKETING)
                .map(ConsentRecord::status)).as("other channels untouched").contains(ConsentStatus.GRANTED);
    }

    private java.net.http.HttpResponse<String> get(String path) {
        try (java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            return browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private ConsentStatus emailConsent(Customer customer) {
        return customers.findContext(customer.id()).orElseThrow().consent(Channel.EMAIL, Purpose.MARKETING)
                .map(ConsentRecord::status).orElse(null);
    }

    @Test
    void orderShippedPushesToEveryDeviceWithoutMarketingConsent() {
        Customer ines = customer(Locale.forLanguageTag("zh-Hant-HK"), zoneWhereItIs(12), List.of("device-a-" + UUID.randomUUID(),
                "device-b-" + UUID.randomUUID()));

        long instance = publishOrderShipped(ines, "ORD-" + CUSTOMERS.incrementAndGet());

        await().until(() -> records.elementCompleted(instance, "notify-shipping"));
        assertThat(records.variable(instance, "shippingNotice")).hasValueSatisfying(v -> assertThat(v).contains("\"channel\":\"push\""));
        assertThat(pushesTo(ines)).as("one notification per registered device").hasSize(2)
                .allSatisfy(push -> assertThat(push.title()).isNotBlank());
        assertThat(smsTo(ines)).isEmpty();
        // no failure reported within the hour: no email; the journey waits for the delivery to ask CSAT
        await().until(() -> records.timerCreated(instance, "delivery-report-window-passed"));
        engine.clock().orElseThrow().advance(Duration.ofHours(1).plusMinutes(1));
        await().until(() -> records.elementCompleted(instance, "notified"));
        await().until(() -> records.timerCreated(instance, "delivery-window-passed"));
        assertThat(emailsTo(ines)).isEmpty();
        assertThat(records.elementActivated(instance, "email-shipping-notice")).isFalse();
    }

    @Test
    void aDeviceFcmNoLongerKnowsGivesWayToSmsInTheSameTaskAndLeavesTheProfile() {
        Customer omar = customer(Locale.ENGLISH, zoneWhereItIs(12), List.of("unregistered-" + UUID.randomUUID()));

        long instance = publishOrderShipped(omar, "ORD-" + CUSTOMERS.incrementAndGet());

        await().until(() -> records.elementCompleted(instance, "notify-shipping"));
        assertThat(records.variable(instance, "shippingNotice")).hasValueSatisfying(v -> assertThat(v).contains("\"channel\":\"sms\""));
        assertThat(records.elementActivated(instance, "shipping-notice-undeliverable")).isFalse();
        assertThat(smsTo(omar)).hasSize(1);
        await().until(() -> customers.findProfile(omar.id()).orElseThrow().pushTokens().isEmpty());
    }

    @Test
    void theBestChannelFollowsThePreferenceThenTheChannelLeastRecentlyUsed() {
        // prefers SMS: the notice goes by SMS although push is listed first and a device is registered
        Customer lea = customer(Locale.GERMAN, zoneWhereItIs(12), List.of("device-" + UUID.randomUUID()), null,
                new ChannelPreferences(List.of(Channel.SMS), null));
        long first = publishOrderShipped(lea, "ORD-" + CUSTOMERS.incrementAndGet());
        await().until(() -> records.elementCompleted(first, "notify-shipping"));
        assertThat(smsTo(lea)).hasSize(1);
        assertThat(pushesTo(lea)).isEmpty();

        // no preference: push (listed first) for the first order, then SMS, the channel least recently used
        Customer max = customer(Locale.GERMAN, zoneWhereItIs(12), List.of("device-" + UUID.randomUUID()));
        long one = publishOrderShipped(max, "ORD-" + CUSTOMERS.incrementAndGet());
        await().until(() -> records.elementCompleted(one, "notify-shipping"));
        assertThat(pushesTo(max)).hasSize(1);
        long two = publishOrderShipped(max, "ORD-" + CUSTOMERS.incrementAndGet());
        await().until(() -> records.elementCompleted(two, "notify-shipping"));
        assertThat(smsTo(max)).hasSize(1);
        assertThat(pushesTo(max)).hasSize(1);
    }

    @Test
    void aShippingSmsTheProviderLaterReportsUndeliveredIsFollowedByAnEmail() {
        // the Twilio sandbox accepts texts to this number, then calls back "undelivered" (error 30003)
        Customer ben = customer(Locale.ENGLISH, zoneWhereItIs(12), List.of(), "+15005550007", ChannelPreferences.NONE);

        long instance = publishOrderShipped(ben, "ORD-" + CUSTOMERS.incrementAndGet());

        await().until(() -> records.elementCompleted(instance, "notify-shipping"));
        assertThat(records.variable(instance, "shippingNotice")).hasValueSatisfying(v -> assertThat(v).contains("\"channel\":\"sms\""));
        // the signed status callback reaches the webhook; the ingress publishes message.failed for that message id
        await().until(() -> records.elementCompleted(instance, "notified-by-email"));
        assertThat(records.elementCompleted(instance, "shipping-notice-failed")).isTrue();
        assertThat(records.variable(instance, "shippingNoticeFailure")).hasValueSatisfying(v ->
                assertThat(v).contains("\"status\":\"UNDELIVERED\"", "\"channel\":\"SMS\""));
        assertThat(emailsTo(ben)).singleElement().satisfies(email -> assertThat(email.marketing()).isFalse());
    }

    @Test
    void aStoreVisitWithNoKioskOnlineFallsBackToPush() {
        Customer yu = customer(Locale.forLanguageTag("zh-Hans"), zoneWhereItIs(12), List.of("device-" + UUID.randomUUID()),
                Channel.KIOSK, Channel.PUSH);

        // what the check-in event does before it starts the journey: the context knows the customer is in the store
        customers.checkIn(yu.id(), "no-kiosk-store", Instant.now());
        client.newPublishMessageCommand().messageName("store.checked-in").correlationKey(yu.id())
                .variables(Map.of("customerId", yu.id(), "storeId", "no-kiosk-store", "storeName", "Shanghai",
                        "offerCode", "STORE10", "offerPercent", 10))
                .timeToLive(Duration.ofMinutes(1)).send().join();
        long instance = instanceOf("store-visit", yu);

        await().atMost(Duration.ofSeconds(60)).until(() -> records.elementCompleted(instance, "push-store-greeting"));
        assertThat(records.variable(instance, "touchpointUndeliverableReason")).contains("\"UNREACHABLE\"");
        assertThat(pushesTo(yu)).singleElement().satisfies(push -> assertThat(push.body()).contains("STORE10"));
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    record Customer(String id, String email, String phone, List<String> pushTokens) {}

    private Customer customer(Locale locale, Channel... consented) {
        return customer(locale, zoneWhereItIs(12), consented);
    }

    private Customer customer(Locale locale, ZoneId zone, Channel... consented) {
        return customer(locale, zone, List.of(), consented);
    }

    private Customer customer(Locale locale, ZoneId zone, List<String> pushTokens, Channel... consented) {
        return customer(locale, zone, pushTokens, null, ChannelPreferences.NONE, consented);
    }

    /** @param phone null for a number of the customer's own */
    private Customer customer(Locale locale, ZoneId zone, List<String> pushTokens, String phone, ChannelPreferences preferences,
                              Channel... consented) {
        int n = CUSTOMERS.incrementAndGet();
        String id = "it-" + n + "-" + UUID.randomUUID().toString().substring(0, 8);
        Customer customer = new Customer(id, id + "@example.com", phone != null ? phone : String.format("+49151%07d", 1_000_000 + n),
                pushTokens);
        customers.upsert(new CustomerProfile(id, "Kim", "Tester", locale, zone, customer.email(), customer.phone(),
                pushTokens, "silver", "berlin-mitte", Map.of(), preferences, null));
        for (Channel channel : consented) {
            customers.recordConsent(new ConsentChange(id, channel, Purpose.MARKETING, ConsentStatus.GRANTED,
                    ConsentSource.API, "integration test", Instant.now()));
        }
        return customer;
    }

    /** A zone where the local time is now about {@code hour} o'clock, so quiet hours are predictable whenever this runs. */
    static ZoneId zoneWhereItIs(int hour) {
        return dev.touchpoint.TestClock.zoneWhereItIs(hour, java.time.Instant.now());
    }

    private void publishSignUp(Customer customer) {
        client.newPublishMessageCommand().messageName("customer.signed-up").correlationKey(customer.id())
                .variables(Map.of("customerId", customer.id(), "offerCode", "WELCOME15", "offerPercent", 15,
                        "offerExpires", LocalDate.now().plusDays(30).toString()))
                .timeToLive(Duration.ofMinutes(1)).send().join();
    }

    private void publishCartAbandoned(Customer customer) {
        Map<String, Object> price = Map.of("amount", "49.90", "currency", "EUR");
        client.newPublishMessageCommand().messageName("cart.abandoned").correlationKey(customer.id())
                .variables(Map.of("customerId", customer.id(), "cart", Map.of(
                        "items", List.of(Map.of("name", "Trail shoe", "quantity", 1, "price", price)),
                        "total", price,
                        "url", "https://shop.example/cart/" + customer.id())))
                .timeToLive(Duration.ofMinutes(1)).send().join();
    }

    private long instanceOf(String journey, Customer customer) {
        return await().until(() -> records.instanceFor(journey, customer.id()), java.util.Optional::isPresent).orElseThrow();
    }

    private SandboxEmailSummary awaitEmailTo(Customer customer) {
        return await().until(() -> emailsTo(customer), list -> !list.isEmpty()).getFirst();
    }

    private SandboxSms awaitSmsTo(Customer customer) {
        return await().until(() -> smsTo(customer), list -> !list.isEmpty()).getFirst();
    }

    private List<SandboxEmailSummary> emailsTo(Customer customer) {
        return mailbox.messages().stream().filter(m -> m.to().contains(customer.email())).toList();
    }

    private Customer customerInVariant(String variant) {
        while (true) {
            Customer candidate = customer(Locale.ENGLISH, Channel.EMAIL, Channel.SMS);
            if (ExperimentSplitWorker.variant("winback-subject", candidate.id(), 50).equals(variant)) {
                return candidate;
            }
        }
    }

    private long startWinback(Customer customer) {
        return client.newCreateInstanceCommand().bpmnProcessId("winback-campaign").latestVersion()
                .variables(Map.of("customerId", customer.id(), "campaignId", "autumn-winback",
                        "offerExpires", LocalDate.now().plusDays(14).toString(),
                        "lastOrderDate", LocalDate.now().minusMonths(7).toString()))
                .send().join().getProcessInstanceKey();
    }

    private long publishOrderShipped(Customer customer, String orderId) {
        client.newPublishMessageCommand().messageName("order.shipped").correlationKey(orderId)
                .variables(Map.of("customerId", customer.id(), "orderId", orderId, "orderNumber", orderId,
                        "carrier", "DHL", "trackingNumber", "JD0123456789", "trackingUrl", "https://track.example/JD0123456789",
                        "shippedAt", ZonedDateTime.now(ZoneOffset.UTC).toString(),
                        "estimatedDelivery", LocalDate.now().plusDays(2).toString()))
                .timeToLive(Duration.ofMinutes(1)).send().join();
        return instanceOf("order-shipped", customer);
    }

    private List<SandboxPush> pushesTo(Customer customer) {
        return fcm.messages().stream().filter(p -> customer.pushTokens().contains(p.token())).toList();
    }

    private List<SandboxSms> smsTo(Customer customer) {
        return twilio.messages().stream()
                .filter(m -> customer.phone().equals(m.to()) && !"inbound".equalsIgnoreCase(m.direction()))
                .toList();
    }
}
