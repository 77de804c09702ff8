package dev.touchpoint.security;

/**
 * Paths that need no login. Each is protected otherwise: webhooks by the provider's signature (checked by the channel
 * adapters), kiosk pages and tracking/unsubscribe/survey links ({@code /t/**}, surveys under {@code /t/s/**}) by their own signed tokens; all of them by the
 * per-client rate limits ({@code touchpoint.http.rate-limits}). The health probes
 * {@code /actuator/health/liveness} and {@code /readiness} are public too (status only; see
 * {@link SecurityConfiguration#authorize}); every other actuator endpoint needs OPERATOR or ADMIN.
 */
public final class PublicPaths {

    public static final String[] PATTERNS = {
            "/webhooks/**", "/kiosk/**", "/t/**", "/error"
    };

    private PublicPaths() {
    }
}
