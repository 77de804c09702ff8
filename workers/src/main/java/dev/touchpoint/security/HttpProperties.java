package dev.touchpoint.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code touchpoint.http.*}: what any HTTP client may send (ADR-0016).
 *
 * @param maxBody    the largest request body per kind of endpoint; a larger one is refused with 413 (a ProblemDetail)
 *                   before it is read when it declares its length, and as soon as it passes the limit when it is sent
 *                   chunked
 * @param rateLimits requests per client on the public endpoints; beyond them 429 with {@code Retry-After}
 */
@ConfigurationProperties("touchpoint.http")
public record HttpProperties(@DefaultValue MaxBody maxBody, @DefaultValue RateLimits rateLimits) {

    /**
     * @param api      every endpoint not named below (the JSON APIs)
     * @param events   {@code POST /api/events} (a batch of up to {@code touchpoint.ingress.max-batch} events)
     * @param webhooks {@code /webhooks/**} (provider callbacks: a few form fields)
     * @param pages    {@code /t/**} and {@code /kiosk/**} (links, the unsubscribe form, survey pages, kiosk pages)
     * @param uploads  customer imports and campaign audiences, which are streamed and never held in memory whole
     */
    public record MaxBody(@DefaultValue("1MB") DataSize api, @DefaultValue("1MB") DataSize events,
                          @DefaultValue("64KB") DataSize webhooks, @DefaultValue("16KB") DataSize pages,
                          @DefaultValue("2GB") DataSize uploads) {

        DataSize of(PathGroup group) {
            return switch (group) {
                case EVENTS -> events;
                case WEBHOOKS -> webhooks;
                case TRACKING, UNSUBSCRIBE, SURVEY, KIOSK -> pages;
                case UPLOADS -> uploads;
                case OTHER -> api;
            };
        }
    }

    /**
     * Token buckets per client (Bucket4j) for each group of public endpoints: up to {@code requests} at once, refilled
     * at {@code requests} per {@code per}. The client is the connection's remote address; {@code X-Forwarded-For} is
     * read only when that address is one of {@code trustedProxies} (addresses or CIDR ranges), and then the client is
     * the nearest address in it that is not a trusted proxy.
     *
     * @param enabled        off only for benchmarks
     * @param trustedProxies the load balancers / reverse proxies in front of Touchpoint; empty: never trust the header
     * @param maxClients     clients remembered per group (least recently seen forgotten first)
     */
    public record RateLimits(@DefaultValue("true") boolean enabled, List<String> trustedProxies,
                             @DefaultValue("100000") int maxClients,
                             Limit tracking, Limit unsubscribe, Limit webhooks, Limit kiosk, Limit events,
                             Limit surveys) {

        public RateLimits {
            trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
            // generous for the shared addresses in front of many people (mail image proxies, store and office NAT)
            tracking = tracking != null ? tracking : new Limit(1200, Duration.ofMinutes(1));
            unsubscribe = unsubscribe != null ? unsubscribe : new Limit(120, Duration.ofMinutes(1));
            webhooks = webhooks != null ? webhooks : new Limit(60000, Duration.ofMinutes(1));
            kiosk = kiosk != null ? kiosk : new Limit(600, Duration.ofMinutes(1));
            events = events != null ? events : new Limit(120000, Duration.ofMinutes(1));
            // a person answers once; shared addresses (mobile carriers, offices) still leave room
            surveys = surveys != null ? surveys : new Limit(300, Duration.ofMinutes(1));
        }

        /** The limit of a group, or null when the group is not rate limited. */
        Limit of(PathGroup group) {
            return switch (group) {
                case TRACKING -> tracking;
                case UNSUBSCRIBE -> unsubscribe;
                case SURVEY -> surveys;
                case WEBHOOKS -> webhooks;
                case KIOSK -> kiosk;
                case EVENTS -> events;
                case UPLOADS, OTHER -> null;
            };
        }
    }

    /** {@code requests} at once, refilled at {@code requests} per {@code per}. */
    public record Limit(long requests, Duration per) {
        public Limit {
            if (requests < 1 || per == null || per.isZero() || per.isNegative()) {
                throw new IllegalArgumentException("a rate limit needs requests >= 1 and a positive period (per)");
            }
        }
    }
}
