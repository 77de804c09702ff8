package dev.touchpoint.servicedesk;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code touchpoint.service-desk.*} (docs/operator-guide.md, ADR-0030).
 *
 * @param url     where {@code POST} opens a task (http or https); empty: the sandbox service desk
 * @param token   sent as {@code Authorization: Bearer}; empty: none
 * @param timeout connect and response timeout of one attempt
 */
@ConfigurationProperties("touchpoint.service-desk")
public record ServiceDeskProperties(String url, String token, @DefaultValue("PT10S") Duration timeout) {

    public ServiceDeskProperties {
        if (url != null && !url.isBlank()) {
            URI parsed;
            try {
                parsed = URI.create(url.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("touchpoint.service-desk.url is not a URL: " + e.getMessage());
            }
            if (!"http".equals(parsed.getScheme()) && !"https".equals(parsed.getScheme()) || parsed.getHost() == null) {
                throw new IllegalArgumentException("touchpoint.service-desk.url must be an http or https URL, e.g."
                        + " https://desk.example.com/api/tasks");
            }
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("touchpoint.service-desk.timeout must be positive, e.g. PT10S");
        }
    }

    public boolean sandbox() {
        return url == null || url.isBlank();
    }

    @Override
    public String toString() {
        return "ServiceDeskProperties[url=" + url + ", token=" + (token == null || token.isBlank() ? "" : "****")
                + ", timeout=" + timeout + "]";
    }
}
