package dev.touchpoint.security;

/**
 * Paths that need no login. Each is protected otherwise: webhooks by the provider's signature (checked by the channel
 * adapters), kiosk pages and tracking/unsubscribe links ({@code /t/**}) by their own signed tokens.
 */
public final class PublicPaths {

    public static final String[] PATTERNS = {
            "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
            "/webhooks/**", "/kiosk/**", "/t/**", "/error"
    };

    private PublicPaths() {
    }
}
