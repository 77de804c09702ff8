package dev.touchpoint.delivery;

import dev.touchpoint.context.ConsentChange;
import dev.touchpoint.context.ConsentSource;
import dev.touchpoint.context.ConsentStatus;
import dev.touchpoint.context.ContactChannel;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.Purpose;
import java.time.Clock;
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
 */
@RestController
class UnsubscribeEndpoint {

    static final String PATH = "/t/unsubscribe";

    private final RecipientResolver recipients;
    private final CustomerContextStore context;
    private final Clock clock;

    UnsubscribeEndpoint(RecipientResolver recipients, CustomerContextStore context, Clock clock) {
        this.recipients = recipients;
        this.context = context;
        this.clock = clock;
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
        return recipients.verifyUnsubscribeToken(token)
                .map(unsubscribe -> {
                    context.recordConsent(new ConsentChange(unsubscribe.customerId(),
                            ContactChannel.valueOf(unsubscribe.channel().name()), Purpose.MARKETING, ConsentStatus.WITHDRAWN,
                            ConsentSource.EMAIL_UNSUBSCRIBE, "token:" + token.substring(token.lastIndexOf('.') + 1), clock.instant()));
                    return ResponseEntity.ok(html("<p>You are unsubscribed. You will not receive these messages any more.</p>"));
                })
                .orElseGet(() -> ResponseEntity.status(HttpStatus.FORBIDDEN).body(html("This unsubscribe link is not valid.")));
    }

    private static String html(String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Unsubscribe</title></head><body>"
                + body + "</body></html>";
    }
}
