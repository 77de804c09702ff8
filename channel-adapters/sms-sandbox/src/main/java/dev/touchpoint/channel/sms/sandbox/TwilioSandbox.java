package dev.touchpoint.channel.sms.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.touchpoint.channel.SmsContent;
import dev.touchpoint.channel.sms.TwilioSignature;
import dev.touchpoint.channel.sms.TwilioSmsAdapter;
import dev.touchpoint.channel.sms.autoconfigure.SandboxTwilioEndpoint;
import dev.touchpoint.channel.sms.webhook.TwilioWebhookVerifier;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import dev.touchpoint.channel.CustomerDataEraser;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Twilio stand-in of the embedded default: WireMock on loopback answering {@code POST
 * /2010-04-01/Accounts/{AccountSid}/Messages.json} like Twilio's Messages API (Basic auth with a random sandbox
 * account, Twilio's validation errors, a 201 with a realistic message resource and an {@code SM...} SID), keeping
 * what was "sent", and firing status callbacks (queued, sent, delivered) signed with the sandbox auth token, so the
 * real SDK, the real webhook and its signature check all run. Nothing leaves the machine.
 *
 * <p>Test numbers, as with Twilio's test credentials: {@code +15005550001} invalid (21211), {@code +15005550002}
 * unreachable (21612), {@code +15005550003} region not enabled (21408), {@code +15005550004} unsubscribed (21610),
 * {@code +15005550009} not a mobile number (21614); sandbox additions: {@code +15005550007} is accepted and then
 * reported undelivered (30003), {@code +15005550029} is rate limited (20429, {@code Retry-After: 1}).
 */
public final class TwilioSandbox implements SandboxTwilioEndpoint, AutoCloseable, CustomerDataEraser {

    static final String TRANSFORMER = "touchpoint-twilio-messages";
    private static final Logger log = LoggerFactory.getLogger(TwilioSandbox.class);
    private static final Pattern MESSAGES_PATH = Pattern.compile("^/2010-04-01/Accounts/([^/]+)/Messages\\.json");
    private static final Pattern E164 = Pattern.compile("^\\+[1-9]\\d{6,14}$");
    private static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String accountSid;
    private final String authToken;
    private final int maxMessages;
    private final Duration callbackDelay;
    private final Supplier<Optional<URI>> webhookBaseUrl;
    private final Clock clock;
    private final WireMockServer server;
    private final Deque<Entry> outbox = new ConcurrentLinkedDeque<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final SecureRandom random = new SecureRandom();
    private ScheduledExecutorService callbacks;

    /**
     * @param host           loopback address to bind
     * @param port           port, 0 for any free one (only this application talks to it)
     * @param maxMessages    messages kept in memory
     * @param callbackDelay  pause between the status callbacks of one message
     * @param webhookBaseUrl this application's base URL for simulated inbound messages, once known
     */
    public TwilioSandbox(String host, int port, int maxMessages, Duration callbackDelay,
                         Supplier<Optional<URI>> webhookBaseUrl, Clock clock) {
        this.accountSid = "AC" + randomHex(16);
        this.authToken = randomHex(16);
        this.maxMessages = maxMessages;
        this.callbackDelay = callbackDelay;
        this.webhookBaseUrl = webhookBaseUrl;
        this.clock = clock;
        this.server = new WireMockServer(WireMockConfiguration.options().bindAddress(host)
                .port(port).containerThreads(8).jettyAcceptors(1).maxRequestJournalEntries(200)
                .notifier(new Slf4jNotifier(false)).extensions(new MessagesStandIn()));
    }

    public synchronized void start() {
        if (server.isRunning()) {
            return;
        }
        server.start();
        server.stubFor(post(urlPathMatching(MESSAGES_PATH.pattern().substring(1)))
                .willReturn(aResponse().withTransformers(TRANSFORMER)));
        callbacks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "twilio-sandbox-callbacks");
            thread.setDaemon(true);
            return thread;
        });
        log.info("SMS sandbox: Twilio stand-in on {} (account {}); list messages at GET /api/sandbox/sms/messages",
                baseUrl(), accountSid);
    }

    @Override
    public synchronized void close() {
        if (callbacks != null) {
            callbacks.shutdownNow();
        }
        server.stop();
    }

    /** Where the Twilio SDK should send API requests. */
    @Override
    public URI baseUrl() {
        return URI.create("http://" + server.getOptions().bindAddress() + ":" + server.port());
    }

    /** The sandbox's account SID (random per start). */
    @Override
    public String accountSid() {
        return accountSid;
    }

    /** The sandbox's auth token (random per start): the adapter authenticates with it and webhooks check it. */
    @Override
    public String authToken() {
        return authToken;
    }

    /** Every message, newest first. */
    public List<SandboxSms> messages() {
        return outbox.stream().map(Entry::snapshot).toList();
    }

    public Optional<SandboxSms> message(String sid) {
        return outbox.stream().filter(e -> e.sid.equals(sid)).findFirst().map(Entry::snapshot);
    }

    @Override
    public String name() {
        return "sms-sandbox";
    }

    /** Forgets the messages to or from any of the addresses (phone numbers); returns how many. */
    @Override
    public int eraseCustomer(String customerId, Set<String> addresses) {
        int before = outbox.size();
        outbox.removeIf(e -> addresses.contains(e.to) || addresses.contains(e.from));
        return Math.max(0, before - outbox.size());
    }

    /** Forgets every message; returns how many there were. */
    public int purge() {
        int count = outbox.size();
        outbox.clear();
        return count;
    }

    /**
     * Simulates a phone sending {@code body} to {@code to}: posts a signed inbound webhook to this application, as
     * Twilio would, and returns the HTTP status our webhook answered.
     *
     * @throws IllegalStateException when the application's web address is not known (no web server)
     */
    public int simulateInbound(String from, String to, String body) {
        return simulateInbound(from, to, body, "SM" + randomHex(16), UUID.randomUUID().toString());
    }

    /**
     * As {@link #simulateInbound(String, String, String)}, with the message id and Twilio's idempotency token given:
     * calling it again with the same two is Twilio redelivering the same webhook (as it does after a 5xx answer).
     */
    public int simulateInbound(String from, String to, String body, String sid, String idempotencyToken) {
        URI base = webhookBaseUrl.get().orElseThrow(() ->
                new IllegalStateException("the application's web address is not known: inbound needs a web server"));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("ToCountry", "US");
        params.put("SmsMessageSid", sid);
        params.put("NumMedia", "0");
        params.put("SmsSid", sid);
        params.put("SmsStatus", "received");
        params.put("Body", body);
        params.put("To", to);
        params.put("NumSegments", Integer.toString(TwilioSmsAdapter.segments(body)));
        params.put("MessageSid", sid);
        params.put("AccountSid", accountSid);
        params.put("From", from);
        params.put("ApiVersion", "2010-04-01");
        if (outbox.stream().noneMatch(e -> e.sid.equals(sid))) {
            Entry entry = new Entry(sid, "inbound", to, from, null, body, null, clock.instant());
            entry.change("received", clock.instant(), 0);
            remember(entry);
        }
        return postSigned(URI.create(base + "/webhooks/twilio/inbound"), params, idempotencyToken);
    }

    private void remember(Entry entry) {
        outbox.addFirst(entry);
        while (outbox.size() > maxMessages) {
            outbox.pollLast();
        }
    }

    private int postSigned(URI url, Map<String, String> params) {
        return postSigned(url, params, UUID.randomUUID().toString());
    }

    private int postSigned(URI url, Map<String, String> params, String idempotencyToken) {
        String form = formEncode(params);
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header(TwilioSignature.HEADER, TwilioSignature.sign(authToken, url.toString(), params))
                .header("I-Twilio-Idempotency-Token", idempotencyToken)
                .header("User-Agent", "TwilioProxy/1.1 (Touchpoint sandbox)")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            log.warn("SMS sandbox: webhook {} not reachable: {}", url.getPath(), e.toString());
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private void scheduleCallbacks(Entry entry, List<String> statuses, String errorCode) {
        for (int i = 0; i < statuses.size(); i++) {
            String status = statuses.get(i);
            boolean last = i == statuses.size() - 1;
            callbacks.schedule(() -> {
                if (last) {
                    entry.errorCode = errorCode;
                }
                int answer = entry.statusCallback == null ? 0 : postSigned(entry.statusCallback,
                        callbackParams(entry, status, last ? errorCode : null));
                entry.change(status, clock.instant(), answer);
            }, callbackDelay.toMillis() * (i + 1), TimeUnit.MILLISECONDS);
        }
    }

    private Map<String, String> callbackParams(Entry entry, String status, String errorCode) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", accountSid);
        params.put("ApiVersion", "2010-04-01");
        params.put("From", entry.from != null ? entry.from : "+15005550006");
        if (entry.messagingServiceSid != null) {
            params.put("MessagingServiceSid", entry.messagingServiceSid);
        }
        params.put("MessageSid", entry.sid);
        params.put("MessageStatus", status);
        params.put("SmsSid", entry.sid);
        params.put("SmsStatus", status);
        params.put("To", entry.to);
        if (errorCode != null) {
            params.put("ErrorCode", errorCode);
        }
        return params;
    }

    private String randomHex(int bytes) {
        byte[] data = new byte[bytes];
        random.nextBytes(data);
        return HexFormat.of().formatHex(data);
    }

    private static String formEncode(Map<String, String> params) {
        StringBuilder form = new StringBuilder();
        params.forEach((name, value) -> {
            if (!form.isEmpty()) {
                form.append('&');
            }
            form.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        return form.toString();
    }

    /** A message kept by the sandbox; its status changes as callbacks go out. */
    private static final class Entry {
        final String sid;
        final String direction;
        final String to;
        final String from;
        final String messagingServiceSid;
        final String body;
        final URI statusCallback;
        final Instant createdAt;
        final List<SandboxSms.StatusChange> history = new ArrayList<>();
        volatile String status;
        volatile String errorCode;

        Entry(String sid, String direction, String to, String from, String messagingServiceSid, String body,
              URI statusCallback, Instant createdAt) {
            this.sid = sid;
            this.direction = direction;
            this.to = to;
            this.from = from;
            this.messagingServiceSid = messagingServiceSid;
            this.body = body;
            this.statusCallback = statusCallback;
            this.createdAt = createdAt;
        }

        synchronized void change(String newStatus, Instant at, int callbackStatus) {
            status = newStatus;
            history.add(new SandboxSms.StatusChange(newStatus, at, callbackStatus));
        }

        synchronized SandboxSms snapshot() {
            return new SandboxSms(sid, direction, to, from, messagingServiceSid, body,
                    TwilioSmsAdapter.segments(body), status, errorCode, createdAt,
                    statusCallback == null ? null : statusCallback.toString(), List.copyOf(history));
        }
    }

    /** Answers the Messages API like Twilio does. */
    private final class MessagesStandIn implements ResponseDefinitionTransformerV2 {

        @Override
        public String getName() {
            return TRANSFORMER;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            var request = serveEvent.getRequest();
            Matcher path = MESSAGES_PATH.matcher(request.getUrl());
            if (!path.find()) {
                return error(404, 20404, "The requested resource was not found");
            }
            String expected = "Basic " + Base64.getEncoder().encodeToString(
                    (accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(request.getHeader("Authorization"))) {
                return error(401, 20003, "Authenticate");
            }
            if (!accountSid.equals(path.group(1))) {
                return error(404, 20404, "The requested resource /2010-04-01/Accounts/" + path.group(1)
                        + "/Messages.json was not found");
            }
            Map<String, String> form = new LinkedHashMap<>();
            for (Map.Entry<String, String> param : TwilioWebhookVerifier.queryParameters(request.getBodyAsString())) {
                form.putIfAbsent(param.getKey(), param.getValue());
            }
            return create(form);
        }

        private ResponseDefinition create(Map<String, String> form) {
            String to = form.get("To");
            String body = form.getOrDefault("Body", "");
            String from = form.get("From");
            String service = form.get("MessagingServiceSid");
            if (to == null || to.isBlank()) {
                return error(400, 21604, "A 'To' phone number is required.");
            }
            if (from == null && service == null) {
                return error(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required to send a "
                        + "message");
            }
            if (body.isBlank() && !form.containsKey("MediaUrl")) {
                return error(400, 21602, "Message body is required.");
            }
            if (body.length() > SmsContent.MAX_LENGTH) {
                return error(400, 21617, "The concatenated message body exceeds the 1600 character limit.");
            }
            if (!E164.matcher(to).matches()) {
                return error(400, 21211, "The 'To' number " + to + " is not a valid phone number.");
            }
            switch (to) {
                case "+15005550001":
                    return error(400, 21211, "The 'To' number " + to + " is not a valid phone number.");
                case "+15005550002":
                    return error(400, 21612, "The 'To' phone number: " + to + ", is not currently reachable "
                            + "using the 'From' phone number via SMS.");
                case "+15005550003":
                    return error(400, 21408, "Permission to send an SMS has not been enabled for the region "
                            + "indicated by the 'To' number: " + to + ".");
                case "+15005550004":
                    return error(400, 21610, "Attempt to send to unsubscribed recipient");
                case "+15005550009":
                    return error(400, 21614, "'To' number is not a valid mobile number");
                case "+15005550029":
                    return aResponse().withStatus(429).withHeader("Retry-After", "1")
                            .withHeader("Content-Type", "application/json; charset=utf-8")
                            .withBody(errorBody(429, 20429, "Too Many Requests").toString()).build();
                default:
                    break;
            }
            Instant now = clock.instant();
            String sid = "SM" + randomHex(16);
            URI callback = form.get("StatusCallback") == null ? null : URI.create(form.get("StatusCallback"));
            Entry entry = new Entry(sid, "outbound-api", to, from, service, body, callback, now);
            String initial = service != null ? "accepted" : "queued";
            entry.change(initial, now, 0);
            remember(entry);
            if ("+15005550007".equals(to)) {
                scheduleCallbacks(entry, List.of("queued", "sent", "undelivered"), "30003");
            } else {
                scheduleCallbacks(entry, service != null ? List.of("queued", "sent", "delivered")
                        : List.of("sent", "delivered"), null);
            }
            return json(201, resource(entry, initial, now));
        }

        private ObjectNode resource(Entry entry, String status, Instant now) {
            ObjectNode node = JSON.createObjectNode();
            node.put("account_sid", accountSid);
            node.put("api_version", "2010-04-01");
            node.put("body", entry.body);
            node.put("date_created", RFC_2822.format(now));
            node.putNull("date_sent");
            node.put("date_updated", RFC_2822.format(now));
            node.put("direction", "outbound-api");
            node.putNull("error_code");
            node.putNull("error_message");
            node.put("from", entry.from);
            node.put("messaging_service_sid", entry.messagingServiceSid);
            node.put("num_media", "0");
            node.put("num_segments", Integer.toString(TwilioSmsAdapter.segments(entry.body)));
            node.putNull("price");
            node.put("price_unit", "USD");
            node.put("sid", entry.sid);
            node.put("status", status);
            String uri = "/2010-04-01/Accounts/" + accountSid + "/Messages/" + entry.sid;
            ObjectNode subresources = node.putObject("subresource_uris");
            subresources.put("media", uri + "/Media.json");
            subresources.put("feedback", uri + "/Feedback.json");
            node.put("to", entry.to);
            node.put("uri", uri + ".json");
            return node;
        }

        private ResponseDefinition error(int status, int code, String message) {
            return json(status, errorBody(status, code, message));
        }

        private ObjectNode errorBody(int status, int code, String message) {
            ObjectNode node = JSON.createObjectNode();
            node.put("code", code);
            node.put("message", message);
            node.put("more_info", "https://www.twilio.com/docs/errors/" + code);
            node.put("status", status);
            return node;
        }

        private ResponseDefinition json(int status, ObjectNode body) {
            return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody(body.toString()).build();
        }
    }
}
