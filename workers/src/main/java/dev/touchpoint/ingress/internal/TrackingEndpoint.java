package dev.touchpoint.ingress.internal;

import dev.touchpoint.ingress.EventIngress;
import dev.touchpoint.ingress.EventOutcome;
import dev.touchpoint.ingress.IngressEvent;
import dev.touchpoint.ingress.TrackingLinks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public engagement endpoints (under {@code /t/**}, protected by their signed tokens): the open pixel becomes
 * {@code email.opened}, a click becomes {@code link.clicked} and redirects to the signed URL. A tampered, expired or
 * unknown token gets 404 with no redirect and produces no event. One event per message (open) or per message and URL
 * (click): repeated opens and clicks share the idempotency key and correlate once.
 */
@RestController
class TrackingEndpoint {

    /** The smallest transparent GIF. */
    static final byte[] PIXEL = HexFormat.of().parseHex("47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b");

    private final TrackingLinks links;
    private final EventIngress ingress;
    private final Clock clock;

    TrackingEndpoint(TrackingLinks links, EventIngress ingress, ObjectProvider<Clock> clock) {
        this.links = links;
        this.ingress = ingress;
        this.clock = clock.getIfUnique(Clock::systemUTC);
    }

    @GetMapping(TrackingLinks.OPEN_PREFIX + "{token}.gif")
    ResponseEntity<byte[]> open(@PathVariable String token) {
        return links.verify(token, TrackingLinks.Kind.OPEN).map(link -> {
            ingress.submit(new IngressEvent("email.opened", link.customerId(), clock.instant(), "open:" + link.messageId(),
                    Map.of("messageId", link.messageId())), "tracking");
            return ResponseEntity.ok().contentType(MediaType.IMAGE_GIF).cacheControl(CacheControl.noStore()).body(PIXEL);
        }).orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).cacheControl(CacheControl.noStore()).build());
    }

    @GetMapping(TrackingLinks.CLICK_PREFIX + "{token}")
    ResponseEntity<String> click(@PathVariable String token) {
        return links.verify(token, TrackingLinks.Kind.CLICK).map(link -> {
            EventOutcome outcome = ingress.submit(new IngressEvent("link.clicked", link.customerId(), clock.instant(),
                    "click:" + link.messageId() + ":" + shortHash(link.url()), Map.of("messageId", link.messageId(), "url", link.url())),
                    "tracking");
            // the customer is redirected even when the engine is busy: the click is the customer's, not ours to block
            return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, link.url())
                    .header("X-Touchpoint-Event", outcome.status().name()).cacheControl(CacheControl.noStore()).<String>build();
        }).orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN)
                .body("This link is not valid."));
    }

    private static String shortHash(String url) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
