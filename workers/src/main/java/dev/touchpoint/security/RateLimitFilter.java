package dev.touchpoint.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Per-client token buckets (Bucket4j, in memory, per instance) on the public endpoints: tracking pixel and clicks,
 * unsubscribe, webhooks, kiosk pages and {@code POST /api/events} ({@code touchpoint.http.rate-limits.*}). A client
 * over its limit gets 429 with {@code Retry-After} (whole seconds until a request is allowed again) and a problem
 * detail; nothing else runs for it. Runs first of all filters.
 */
final class RateLimitFilter extends OncePerRequestFilter {

    private final Map<PathGroup, Limiter> limiters = new EnumMap<>(PathGroup.class);
    private final ClientAddresses clients;

    RateLimitFilter(HttpProperties.RateLimits properties) {
        this.clients = new ClientAddresses(properties.trustedProxies());
        for (PathGroup group : PathGroup.values()) {
            HttpProperties.Limit limit = properties.of(group);
            if (limit != null) {
                limiters.put(group, new Limiter(limit, properties.maxClients()));
            }
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        PathGroup group = PathGroup.of(request);
        Limiter limiter = limiters.get(group);
        if (limiter == null) {
            chain.doFilter(request, response);
            return;
        }
        ConsumptionProbe probe = limiter.bucket(clients.of(request)).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        Problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "Too many requests from your address to "
                        + group.name().toLowerCase(java.util.Locale.ROOT) + " endpoints; try again in " + seconds + " s.",
                Map.of(HttpHeaders.RETRY_AFTER, String.valueOf(seconds)));
    }

    /**
     * The buckets of one group, by client, at most {@code maxClients}. Caffeine chooses whom to forget by how often
     * they come: a burst of new addresses (a scan, spoofed clients) cannot push out the bucket of a client that keeps
     * calling, which a least-recently-used map would.
     */
    private static final class Limiter {
        private final HttpProperties.Limit limit;
        private final Cache<String, Bucket> buckets;

        Limiter(HttpProperties.Limit limit, int maxClients) {
            this.limit = limit;
            this.buckets = Caffeine.newBuilder().maximumSize(maxClients).build();
        }

        Bucket bucket(String client) {
            return buckets.get(client, c -> Bucket.builder()
                    .addLimit(l -> l.capacity(limit.requests()).refillGreedy(limit.requests(), limit.per()))
                    .build());
        }
    }
}
