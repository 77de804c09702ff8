package dev.touchpoint.delivery.internal;

import dev.touchpoint.context.ConsentChange;
import dev.touchpoint.context.ConsentSource;
import dev.touchpoint.context.ConsentStatus;
import dev.touchpoint.context.ConsentUpdate;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.context.UnknownCustomerException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The unsubscribe link of marketing messages: {@code /t/unsubscribe?t=<signed token>}. A POST (RFC 8058 one-click,
 * sent by the mailbox provider, or the page's button) withdraws marketing consent for the token's channel, with the
 * token as proof; a GET only shows a page with that button, because link scanners follow GETs. A forged or
 * tampered token changes nothing and gets 403. Point the brand token {@code link.unsubscribe.https} at this path on
 * Touchpoint's public address (or have the brand's preference page forward the token here).
 *
 * <p>The answer is always the truth about what is in force: "unsubscribed" only once the withdrawal is on disk (a
 * second click says since when). When the withdrawal cannot be recorded the customer gets an error page with 503 and
 * Retry-After (a mailbox provider's one-click POST is retried; the customer may click again), the operator an error
 * log line and the counter {@code touchpoint.consent.withdrawals.failed{source=EMAIL_UNSUBSCRIBE}}.
 */
@RestController
class UnsubscribeEndpoint {

    static final String PATH = "/t/unsubscribe";
    static final String FAILURES = "touchpoint.consent.withdrawals.failed";

    private static final Logger log = LoggerFactory.getLogger(UnsubscribeEndpoint.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private final RecipientResolver recipients;
    private final CustomerContextStore context;
    private final Clock clock;
    private final MeterRegistry meters;

    UnsubscribeEndpoint(RecipientResolver recipients, CustomerContextStore context, Clock clock, MeterRegistry meters) {
        this.recipients = recipients;
        this.context = context;
        this.clock = clock;
        this.meters = meters;
    }

    @GetMapping(path = PATH, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(@RequestParam("t") String token) {
        if (recipients.verifyUnsubscribeToken(token).isEmpty()) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(html("This unsubscribe link is not valid."));
        }
        // the token was verified, so it is URL-safe ([A-Za-z0-9._-]) and needs no escaping
        return ResponseEntity.ok(html("<form method=\"post\" action=\"" + PATH + "?t=" + token + "\">"
                + "<p>Stop receiving these messages?</p><button type=\"submit\">Unsubscribe</button></form>"));
    }

    @PostMapping(path = PATH, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> unsubscribe(@RequestParam("t") String token) {
        RecipientResolver.Unsubscribe unsubscribe = recipients.verifyUnsubscribeToken(token).orElse(null);
        if (unsubscribe == null) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(html("This unsubscribe link is not valid."));
        }
        Channel channel = unsubscribe.channel();
        String what = switch (channel) {
            case EMAIL -> "marketing emails";
            case SMS -> "marketing text messages";
            case PUSH -> "marketing app notifications";
            case KIOSK -> "marketing messages at our kiosks";
        };
        ConsentUpdate update;
        try {
            update = context.recordConsent(new ConsentChange(unsubscribe.customerId(), channel, Purpose.MARKETING,
                    ConsentStatus.WITHDRAWN, ConsentSource.EMAIL_UNSUBSCRIBE,
                    "token:" + token.substring(token.lastIndexOf('.') + 1), clock.instant()));
        } catch (UnknownCustomerException e) {
            // erased: the profile is gone and its addresses are on the suppression list
            return ResponseEntity.ok(html("<p>We no longer hold your details, so you will not receive " + what + " from us.</p>"));
        } catch (RuntimeException e) {
            return failed(unsubscribe.customerId(), e.toString());
        }
        if (!update.inEffect(ConsentStatus.WITHDRAWN)) {
            return failed(unsubscribe.customerId(), "outcome " + update.outcome() + ": " + update.detail());
        }
        String since = update.applied() ? "" : " since " + DAY.format(update.inForce().at().atZone(ZoneOffset.UTC));
        return ResponseEntity.ok(html("<p>You are unsubscribed" + since + ". You will not receive " + what + " any more.</p>"));
    }

    private ResponseEntity<String> failed(String customerId, String why) {
        log.error("Unsubscribe of customer {} could NOT be recorded ({}); the customer was shown an error page", customerId, why);
        if (meters != null) {
            meters.counter(FAILURES, "source", ConsentSource.EMAIL_UNSUBSCRIBE.name()).increment();
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "60")
                .body(html("<p>Sorry, we could not process your request just now, so you are <strong>not yet</strong> "
                        + "unsubscribed. Please try again in a few minutes.</p>"));
    }

    private static String html(String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Unsubscribe</title></head><body>"
                + body + "</body></html>";
    }
}
