package dev.touchpoint.channel.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.channel.ChannelAdapter;
import dev.touchpoint.channel.DeliveryFailure;
import dev.touchpoint.channel.DeliveryReceipt;
import dev.touchpoint.channel.FailureKind;
import dev.touchpoint.channel.FailureReason;
import dev.touchpoint.channel.IdempotencyGuard;
import dev.touchpoint.channel.OutboundMessage;
import dev.touchpoint.channel.PushContent;
import dev.touchpoint.channel.PushDeliveryReport;
import dev.touchpoint.channel.PushRecipients;
import dev.touchpoint.channel.PushTokenUnregistered;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends app push notifications through Firebase Cloud Messaging's HTTP v1 API:
 * {@code POST {apiBaseUrl}/v1/projects/{projectId}/messages:send} with {@code Authorization: Bearer <token>} from a
 * service account ({@link FcmCredentials}) and the body of {@link FcmMessages}.
 *
 * <p>The recipient is one or more device tokens ({@link PushRecipients}); each gets its own send (FCM's v1 API has
 * no multicast), in parallel, and {@link #sendToDevices} returns a {@link PushDeliveryReport} that says which
 * devices FCM accepted. The message is delivered when at least one device got it; otherwise the failure of the most
 * actionable kind is thrown (MISCONFIGURED before RETRYABLE before PERMANENT). Every token FCM reports as
 * {@code UNREGISTERED} is passed to the {@code unregisteredTokens} listener (a {@link PushTokenUnregistered} event),
 * so the customer context can drop it.
 *
 * <p>When FCM refuses the access token (401 without {@code THIRD_PARTY_AUTH_ERROR}, e.g. a revoked token that was
 * still cached) a fresh one is fetched and the refused sends are tried once more; nothing else is retried here:
 * retries belong to the worker, with backoff and {@code Retry-After}. Logs carry the customer id, the idempotency key
 * and FCM's message names, never a device token or the text.
 */
public final class FcmPushAdapter implements ChannelAdapter {

    private static final Logger log = LoggerFactory.getLogger(FcmPushAdapter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FcmCredentials credentials;
    private final URI sendUri;
    private final HttpClient http;
    private final Duration readTimeout;
    private final boolean validateOnly;
    private final IdempotencyGuard guard;
    private final Consumer<PushTokenUnregistered> unregisteredTokens;
    private final Clock clock;
    private final Map<String, PushDeliveryReport> reports;

    /**
     * @param credentials        the service account and the Firebase project
     * @param apiBaseUrl         FCM's address, {@code https://fcm.googleapis.com} (tests and the sandbox: a local
     *                           server)
     * @param http               the HTTP client (its connect timeout applies)
     * @param readTimeout        how long to wait for FCM's answer to one send
     * @param validateOnly       send with {@code validate_only} (FCM checks, nothing is delivered)
     * @param guard              remembers accepted idempotency keys
     * @param unregisteredTokens told of every token FCM no longer knows
     * @param clock              stamps reports and counts the APNs expiration
     */
    public FcmPushAdapter(FcmCredentials credentials, URI apiBaseUrl, HttpClient http, Duration readTimeout,
                          boolean validateOnly, IdempotencyGuard guard,
                          Consumer<PushTokenUnregistered> unregisteredTokens, Clock clock) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        String base = Objects.requireNonNull(apiBaseUrl, "apiBaseUrl").toString();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.sendUri = URI.create(base + "/v1/projects/" + credentials.projectId() + "/messages:send");
        this.http = Objects.requireNonNull(http, "http");
        this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
        this.validateOnly = validateOnly;
        this.guard = Objects.requireNonNull(guard, "guard");
        this.unregisteredTokens = Objects.requireNonNull(unregisteredTokens, "unregisteredTokens");
        this.clock = Objects.requireNonNull(clock, "clock");
        // the last reports, oldest dropped first; not a Caffeine cache, whose size eviction may drop a fresh report
        // and send again what was just sent (see IdempotencyGuard)
        this.reports = new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PushDeliveryReport> eldest) {
                return size() > IdempotencyGuard.DEFAULT_CAPACITY;
            }
        };
    }

    /**
     * An HTTP client for FCM and its token endpoint with the given connect timeout: HTTP/2 (negotiated by TLS ALPN)
     * for an {@code https} API, HTTP/1.1 for a plain {@code http} stand-in (no cleartext upgrade dance).
     */
    public static HttpClient httpClient(URI apiBaseUrl, Duration connectTimeout) {
        boolean tls = "https".equalsIgnoreCase(apiBaseUrl.getScheme());
        return HttpClient.newBuilder().connectTimeout(connectTimeout)
                .version(tls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Channel channel() {
        return Channel.PUSH;
    }

    /** The URL sends go to. */
    public URI sendUri() {
        return sendUri;
    }

    /**
     * Sends to every device token of the recipient.
     *
     * @return a receipt ({@link dev.touchpoint.channel.DeliveryStatus#SENT}) naming the first accepted device's FCM
     *         message; {@link #report} tells about every device
     * @throws DeliveryFailure when no device got it
     */
    @Override
    public DeliveryReceipt send(OutboundMessage message) {
        PushContent content = message.contentAs(PushContent.class, Channel.PUSH);
        return guard.deliverOnce(message.idempotencyKey(), () -> deliver(message, content));
    }

    /**
     * Like {@link #send} but returns what happened to each device. A repeated idempotency key returns the first
     * report without sending again.
     *
     * @throws DeliveryFailure when no device got it
     */
    public PushDeliveryReport sendToDevices(OutboundMessage message) {
        send(message);
        return report(message.idempotencyKey()).orElseThrow(() -> new IllegalStateException(
                "the report of " + message.idempotencyKey() + " is no longer kept"));
    }

    /** The per-device report of a delivered message, while its receipt is remembered. */
    public Optional<PushDeliveryReport> report(String idempotencyKey) {
        synchronized (reports) {
            return Optional.ofNullable(reports.get(idempotencyKey));
        }
    }

    private DeliveryReceipt deliver(OutboundMessage message, PushContent content) {
        PushRecipients recipients;
        try {
            recipients = PushRecipients.parse(message.recipient());
        } catch (IllegalArgumentException e) {
            throw DeliveryFailure.permanent(Channel.PUSH, FailureReason.INVALID_ADDRESS)
                    .vendorMessage("the recipient is not a list of device tokens")
                    .idempotencyKey(message.idempotencyKey()).build();
        }
        long started = System.nanoTime();
        String authorization = credentials.authorization(sendUri);
        List<String> tokens = recipients.tokens();
        List<Outcome> outcomes = sendAll(tokens, content, message.idempotencyKey(), authorization);
        List<Integer> refused = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i).accessTokenRejected()) {
                refused.add(i);
            }
        }
        if (!refused.isEmpty()) {
            log.info("FCM refused the cached access token; fetching a new one (idempotencyKey={})",
                    message.idempotencyKey());
            credentials.refresh();
            String fresh = credentials.authorization(sendUri);
            List<Outcome> retried = sendAll(refused.stream().map(tokens::get).toList(), content,
                    message.idempotencyKey(), fresh);
            for (int i = 0; i < refused.size(); i++) {
                outcomes.set(refused.get(i), retried.get(i));
            }
        }

        Instant now = clock.instant();
        List<PushDeliveryReport.Device> devices = new ArrayList<>();
        List<DeliveryFailure> failures = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Outcome outcome = outcomes.get(i);
            if (outcome.messageName() != null) {
                devices.add(PushDeliveryReport.Device.accepted(tokens.get(i), outcome.messageName()));
            } else {
                devices.add(PushDeliveryReport.Device.failed(tokens.get(i), outcome.failure(),
                        outcome.tokenUnregistered()));
                failures.add(outcome.failure());
                if (outcome.tokenUnregistered()) {
                    unregisteredTokens.accept(new PushTokenUnregistered(message.customerId(), tokens.get(i),
                            message.idempotencyKey(), now));
                }
            }
        }
        PushDeliveryReport report = new PushDeliveryReport(Channel.PUSH, message.idempotencyKey(),
                message.customerId(), now, devices);
        Optional<DeliveryReceipt> receipt = report.receipt();
        if (receipt.isEmpty()) {
            DeliveryFailure failure = mostActionable(failures).forMessage(message.idempotencyKey());
            log.warn("Push not accepted by FCM: customer={} idempotencyKey={} devices={} kind={} reason={} code={} "
                            + "unregistered={}", message.customerId(), message.idempotencyKey(), tokens.size(),
                    failure.kind(), failure.reason(), failure.vendorCode(), report.unregisteredTokens().size());
            throw failure;
        }
        synchronized (reports) {
            reports.put(message.idempotencyKey(), report);
        }
        log.info("Push accepted by FCM: customer={} idempotencyKey={} devices={}/{} unregistered={} first={} in {} ms",
                message.customerId(), message.idempotencyKey(), report.accepted().size(), tokens.size(),
                report.unregisteredTokens().size(), receipt.get().providerMessageId(),
                (System.nanoTime() - started) / 1_000_000);
        return receipt.get();
    }

    /** One send per token, in parallel; the outcomes in token order. */
    private List<Outcome> sendAll(List<String> tokens, PushContent content, String idempotencyKey,
                                  String authorization) {
        Instant now = clock.instant();
        List<CompletableFuture<Outcome>> sends = new ArrayList<>();
        for (String token : tokens) {
            HttpRequest request = HttpRequest.newBuilder(sendUri).timeout(readTimeout)
                    .header("Authorization", authorization)
                    .header("Content-Type", "application/json; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            FcmMessages.body(token, content, idempotencyKey, now, validateOnly),
                            StandardCharsets.UTF_8))
                    .build();
            sends.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                    .handle((response, error) -> error != null ? Outcome.failed(FcmErrors.noAnswer(unwrap(error)))
                            : outcome(response, token)));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (CompletableFuture<Outcome> send : sends) {
            try {
                outcomes.add(send.join());
            } catch (CompletionException e) {
                outcomes.add(Outcome.failed(FcmErrors.noAnswer(unwrap(e))));
            }
        }
        return outcomes;
    }

    private Outcome outcome(HttpResponse<String> response, String token) {
        if (response.statusCode() == 200) {
            String name = messageName(response.body());
            if (name != null) {
                return new Outcome(name, null, false, false);
            }
            return Outcome.failed(DeliveryFailure.retryable(Channel.PUSH, FailureReason.VENDOR_UNAVAILABLE)
                    .vendorCode("HTTP 200").vendorMessage("FCM answered without a message name").build());
        }
        FcmErrors.Classified error = FcmErrors.classify(response.statusCode(), response.body(),
                response.headers().firstValue("Retry-After").orElse(null), token, clock);
        return new Outcome(null, error.failure(), error.tokenUnregistered(), error.accessTokenRejected());
    }

    private static String messageName(String body) {
        try {
            JsonNode name = JSON.readTree(body).path("name");
            return name.isTextual() && !name.asText().isBlank() ? name.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** MISCONFIGURED before RETRYABLE before PERMANENT; among retryable ones, the longest Retry-After. */
    static DeliveryFailure mostActionable(List<DeliveryFailure> failures) {
        Comparator<DeliveryFailure> byKind = Comparator.comparingInt(f -> switch (f.kind()) {
            case MISCONFIGURED -> 0;
            case RETRYABLE -> 1;
            case PERMANENT -> 2;
        });
        Comparator<DeliveryFailure> byWait = Comparator.comparing(
                (DeliveryFailure f) -> f.retryAfter().orElse(Duration.ZERO)).reversed();
        DeliveryFailure chosen = failures.stream().min(byKind.thenComparing(byWait)).orElseThrow();
        if (chosen.kind() == FailureKind.PERMANENT && failures.size() > 1) {
            boolean allSame = failures.stream().allMatch(f -> f.reason() == chosen.reason());
            if (!allSame) {
                return DeliveryFailure.permanent(Channel.PUSH, FailureReason.REJECTED)
                        .vendorCode(chosen.vendorCode())
                        .vendorMessage("no device accepted the message (" + failures.size() + " refusals)").build();
            }
        }
        return chosen;
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private record Outcome(String messageName, DeliveryFailure failure, boolean tokenUnregistered,
                           boolean accessTokenRejected) {

        static Outcome failed(DeliveryFailure failure) {
            return new Outcome(null, failure, false, false);
        }
    }
}
