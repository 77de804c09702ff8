package dev.touchpoint.channel.kiosk.autoconfigure;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code touchpoint.channels.kiosk.*}: the secret kiosk tokens derive from, the known kiosks, the hub's timing and
 * the page's allowed origins. The secret also defaults to the environment variable {@code TOUCHPOINT_KIOSK_SECRET};
 * it is never logged.
 *
 * @param enabled         whether the kiosk adapter, hub and page are registered at all
 * @param secret          at least 32 characters, the same on every app instance; empty outside the {@code cluster}
 *                        profile means a random secret per start (kiosk links then change at every start)
 * @param kiosks          kiosks with a zone or a token of their own (any other kiosk with a valid derived token may
 *                        connect too)
 * @param instanceId      this app instance's id among the instances sharing kiosks; empty for host name plus a random
 *                        suffix
 * @param heartbeat       how often pages ping and the hub renews presence
 * @param presenceTtl     how long a kiosk stays listed without a heartbeat (at least two heartbeats)
 * @param ackTimeout      how long a page may take to confirm a screen, unless the content says otherwise
 * @param routeTimeout    how long another instance may take to confirm a send routed to it
 * @param allowedOrigins  origins a kiosk page may open its WebSocket from; empty for this server's own origin only
 *                        (set it when a proxy rewrites the Host header)
 * @param publicBaseUrl   the application's public URL, for the kiosk links the sandbox lists; empty for the local
 *                        address
 * @param hazelcast       sharing presence across instances
 */
@Validated
@ConfigurationProperties(prefix = "touchpoint.channels.kiosk")
public record KioskChannelProperties(
        @DefaultValue("true") boolean enabled,
        String secret,
        @Valid List<Kiosk> kiosks,
        @Pattern(regexp = "^$|^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", message = "must be letters, digits, . _ or -")
        String instanceId,
        @DefaultValue("10s") @NotNull Duration heartbeat,
        @DefaultValue("30s") @NotNull Duration presenceTtl,
        @DefaultValue("5s") @NotNull Duration ackTimeout,
        @DefaultValue("2s") @NotNull Duration routeTimeout,
        List<String> allowedOrigins,
        URI publicBaseUrl,
        @Valid @DefaultValue Hazelcast hazelcast) {

    public KioskChannelProperties {
        kiosks = kiosks == null ? List.of() : List.copyOf(kiosks);
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }

    /**
     * A known kiosk.
     *
     * @param storeId the store
     * @param kioskId the kiosk
     * @param zone    where it stands in the store (e.g. {@code entrance}, {@code checkout}), for "nearest kiosk"
     * @param token   a token of its own instead of the derived one, or empty
     */
    public record Kiosk(
            @NotNull @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$") String storeId,
            @NotNull @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$") String kioskId,
            @Pattern(regexp = "^$|^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$") String zone,
            String token) {

        @Override
        public String toString() {
            return "Kiosk[" + storeId + "/" + kioskId + ", zone=" + zone + ", token="
                    + (token == null || token.isBlank() ? "derived" : "******") + "]";
        }
    }

    /**
     * @param enabled use the application's {@code HazelcastInstance} (when it has exactly one) for presence and
     *                routing; otherwise kiosks are known only to the instance they are connected to
     */
    public record Hazelcast(@DefaultValue("true") boolean enabled) {
    }

    @Override
    public String toString() {
        return "KioskChannelProperties[enabled=" + enabled + ", secret="
                + (secret == null || secret.isBlank() ? "none" : "******") + ", kiosks=" + kiosks + ", instanceId="
                + instanceId + ", heartbeat=" + heartbeat + ", presenceTtl=" + presenceTtl + ", ackTimeout="
                + ackTimeout + ", routeTimeout=" + routeTimeout + "]";
    }
}
