package dev.touchpoint.security;

import java.util.List;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Accepts a token only when its {@code aud} claim names Touchpoint ({@code touchpoint.security.oidc.audience}), on top
 * of whatever the decoder checks (signature, issuer, expiry). A token the identity provider issued for another
 * application is refused with 401, even when it carries Touchpoint roles. Wraps any decoder, the one Spring Boot
 * builds from the issuer or one the application supplies.
 */
final class AudienceCheckingJwtDecoder implements JwtDecoder {

    private final JwtDecoder delegate;
    private final String audience;

    AudienceCheckingJwtDecoder(JwtDecoder delegate, String audience) {
        if (audience == null || audience.isBlank()) {
            throw new IllegalStateException("touchpoint.security.oidc.audience must name the audience of Touchpoint's tokens");
        }
        this.delegate = delegate;
        this.audience = audience.strip();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = delegate.decode(token);
        List<String> audiences = jwt.getAudience();
        if (audiences == null || !audiences.contains(audience)) {
            OAuth2Error error = new OAuth2Error("invalid_token", "The token is not meant for " + audience + " (aud " + audiences + ")", null);
            throw new JwtValidationException(error.getDescription(), List.of(error));
        }
        return jwt;
    }
}
