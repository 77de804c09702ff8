package dev.touchpoint.channel.sms.webhook;

import static org.springframework.web.servlet.function.RouterFunctions.route;

import dev.touchpoint.channel.Channel;
import dev.touchpoint.channel.DeliveryStatus;
import dev.touchpoint.channel.DeliveryStatusReported;
import dev.touchpoint.channel.DeliveryStatusUpdate;
import dev.touchpoint.channel.SmsKeyword;
import dev.touchpoint.channel.SmsKeywordReceived;
import dev.touchpoint.channel.SmsMessageReceived;
import dev.touchpoint.channel.sms.TwilioErrors;
import dev.touchpoint.channel.sms.TwilioSmsAdapter;
import dev.touchpoint.channel.sms.TwilioStatuses;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Twilio's webhooks: delivery status callbacks ({@code POST /webhooks/twilio/status}) and incoming messages
 * ({@code POST /webhooks/twilio/inbound}), as functional endpoints ({@link #routes()}) so that an application
 * component-scanning {@code dev.touchpoint} cannot register them outside the auto-configuration. Every request must carry a valid {@code X-Twilio-Signature}; one without,
 * or with a wrong one, gets 403 and changes nothing. Accepted requests become events published with Spring's
 * {@link ApplicationEventPublisher}: {@link DeliveryStatusReported}, {@link SmsKeywordReceived} (STOP/START/HELP,
 * also when Twilio's Advanced Opt-Out labels it with {@code OptOutType}) and {@link SmsMessageReceived}. The answer
 * is an empty TwiML {@code <Response/>}: replies to keywords are the consent module's business, not Twilio's.
 */
public final class TwilioWebhookHandler {

    /** Paths of the two webhooks. */
    public static final String STATUS_PATH = "/webhooks/twilio/status";
    public static final String INBOUND_PATH = "/webhooks/twilio/inbound";
    static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    private static final Logger log = LoggerFactory.getLogger(TwilioWebhookHandler.class);

    private final TwilioWebhookVerifier verifier;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final RecentWebhooks recent = new RecentWebhooks(10_000);

    public TwilioWebhookHandler(TwilioWebhookVerifier verifier, ApplicationEventPublisher events, Clock clock) {
        this.verifier = verifier;
        this.events = events;
        this.clock = clock;
    }

    /** The two webhook routes. */
    public RouterFunction<ServerResponse> routes() {
        return route()
                .POST(STATUS_PATH, request -> status(request.servletRequest()))
                .POST(INBOUND_PATH, request -> inbound(request.servletRequest()))
                .build();
    }

    ServerResponse status(HttpServletRequest request) {
        Map<String, String> params = TwilioWebhookVerifier.bodyParameters(request);
        if (!verifier.verify(request, params)) {
            return forbidden(STATUS_PATH);
        }
        String sid = first(params.get("MessageSid"), params.get("SmsSid"));
        String twilioStatus = first(params.get("MessageStatus"), params.get("SmsStatus"));
        if (sid == null || twilioStatus == null) {
            return ServerResponse.badRequest().contentType(MediaType.TEXT_XML).body(EMPTY_TWIML);
        }
        String token = request.getHeader("I-Twilio-Idempotency-Token");
        return once(token, STATUS_PATH, sid, () -> publishStatus(request, params, sid, twilioStatus));
    }

    private ServerResponse publishStatus(HttpServletRequest request, Map<String, String> params, String sid, String twilioStatus) {
        Optional<DeliveryStatus> status = TwilioStatuses.of(twilioStatus);
        if (status.isEmpty()) {
            log.debug("Twilio status {} for {} is not a delivery status; ignored", twilioStatus, sid);
            return twiml();
        }
        Map<String, String> echo = queryMap(request);
        String errorCode = params.get("ErrorCode");
        DeliveryStatusUpdate update = new DeliveryStatusUpdate(Channel.SMS, sid, status.get(),
                twilioStatus.toLowerCase(Locale.ROOT), clock.instant(), errorCode,
                status.get().isFailure() ? TwilioErrors.reasonForDeliveryError(errorCode) : null,
                echo.get(TwilioSmsAdapter.KEY_PARAM), echo.get(TwilioSmsAdapter.CUSTOMER_PARAM));
        log.info("Twilio status callback: sid={} status={} errorCode={} customer={} idempotencyKey={}", sid,
                update.status(), errorCode, update.customerId(), update.idempotencyKey());
        events.publishEvent(new DeliveryStatusReported(update));
        return twiml();
    }

    ServerResponse inbound(HttpServletRequest request) {
        Map<String, String> params = TwilioWebhookVerifier.bodyParameters(request);
        if (!verifier.verify(request, params)) {
            return forbidden(INBOUND_PATH);
        }
        String sid = first(params.get("MessageSid"), params.get("SmsMessageSid"));
        String from = params.get("From");
        if (sid == null || from == null || from.isBlank()) {
            return ServerResponse.badRequest().contentType(MediaType.TEXT_XML).body(EMPTY_TWIML);
        }
        String token = request.getHeader("I-Twilio-Idempotency-Token");
        return once(token, INBOUND_PATH, sid, () -> publishInbound(params, sid, from));
    }

    private ServerResponse publishInbound(Map<String, String> params, String sid, String from) {
        String body = params.getOrDefault("Body", "");
        Optional<SmsKeyword> keyword = optOutType(params.get("OptOutType")).or(() -> SmsKeyword.of(body));
        if (keyword.isPresent()) {
            String word = body.strip().toUpperCase(Locale.ROOT);
            log.info("Inbound SMS keyword {} sid={}", keyword.get(), sid);
            events.publishEvent(new SmsKeywordReceived(keyword.get(), word.isEmpty() ? keyword.get().name() : word,
                    from, params.get("To"), sid, clock.instant()));
        } else {
            log.info("Inbound SMS sid={}", sid);
            events.publishEvent(new SmsMessageReceived(from, params.get("To"), body, sid, clock.instant()));
        }
        return twiml();
    }

    /**
     * Handles a webhook once per idempotency token: the token is remembered only after every listener returned. A
     * listener's failure (the consent store, the ledger or the engine unavailable) answers 503 and forgets the token,
     * so Twilio's retry is applied; a retry while the first is still being handled answers 503 too.
     */
    private ServerResponse once(String token, String path, String sid, java.util.function.Supplier<ServerResponse> handling) {
        switch (recent.begin(token)) {
            case DUPLICATE -> {
                log.debug("Twilio webhook {} sid={} was handled before; answered without publishing again", path, sid);
                return twiml();
            }
            case IN_PROGRESS -> {
                log.info("Twilio webhook {} sid={} is being handled by an earlier delivery; asked Twilio to retry", path, sid);
                return unavailable();
            }
            case HANDLE -> { }
        }
        try {
            ServerResponse response = handling.get();
            recent.handled(token);
            return response;
        } catch (RuntimeException e) {
            recent.failed(token);
            log.error("Twilio webhook {} sid={} could not be applied; answered 503 so that Twilio retries: {}", path, sid, e.toString());
            return unavailable();
        }
    }

    private static ServerResponse unavailable() {
        return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                .contentType(MediaType.TEXT_XML).body(EMPTY_TWIML);
    }

    private static Optional<SmsKeyword> optOutType(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SmsKeyword.valueOf(value.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> queryMap(HttpServletRequest request) {
        Map<String, String> query = new HashMap<>();
        for (Map.Entry<String, String> param : TwilioWebhookVerifier.queryParameters(request.getQueryString())) {
            query.putIfAbsent(param.getKey(), param.getValue());
        }
        return query;
    }

    private static ServerResponse forbidden(String path) {
        log.warn("Rejected a request to {} without a valid X-Twilio-Signature", path);
        return ServerResponse.status(HttpStatus.FORBIDDEN).build();
    }

    private static ServerResponse twiml() {
        return ServerResponse.ok().contentType(MediaType.TEXT_XML).body(EMPTY_TWIML);
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : null;
    }
}
