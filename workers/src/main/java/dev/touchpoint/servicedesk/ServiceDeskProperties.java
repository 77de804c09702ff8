package dev.touchpoint.servicedesk;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code touchpoint.service-desk.*} (docs/operator-guide.md, ADR-0030).
 *
 * @param url                 where {@code POST} opens a task: https, or http to a loopback address only (the token
 *                            would otherwise cross the network in clear); no user and password in it (use the token);
 *                            empty: the sandbox service desk
 * @param token               sent as {@code Authorization: Bearer}; empty: none
 * @param timeout             connect and response timeout of one attempt
 * @param sandboxInCluster    whether the cluster profile may run without a URL (tasks then stay in each instance's
 *                            memory and are lost when it stops; the local cluster sets it)
 */
@ConfigurationProperties("touchpoint.service-desk")
public record ServiceDeskProperties(String url, String token, @DefaultValue("PT10S") Duration timeout,
                                    @DefaultValue("false") boolean sandboxInCluster) {

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
            if (parsed.getRawUserInfo() != null) {
                throw new IllegalArgumentException("touchpoint.service-desk.url must not carry a user or password (they"
                        + " would be printed wherever the URL is): put the credential in touchpoint.service-desk.token");
            }
            if ("http".equals(parsed.getScheme()) && !loopback(parsed.getHost())) {
                throw new IllegalArgumentException("touchpoint.service-desk.url must use https for " + parsed.getHost()
                        + " (the token and the customer's task would cross the network in clear); plain http is"
                        + " accepted for a loopback address only");
            }
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("touchpoint.service-desk.timeout must be positive, e.g. PT10S");
        }
    }

    public boolean sandbox() {
        return url == null || url.isBlank();
    }

    /** The URL without its query (a key some desks take there) for logs and messages; empty for the sandbox. */
    public String printableUrl() {
        return sandbox() ? "" : printable(URI.create(url.strip()));
    }

    /** Scheme, host, port and path of a desk URL: never its query or user information. */
    static String printable(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()) + url.getRawPath()
                + (url.getRawQuery() == null ? "" : "?****");
    }

    private static boolean loopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1") || h.startsWith("127.");
    }

    @Override
    public String toString() {
        return "ServiceDeskProperties[url=" + printableUrl() + ", token=" + (token == null || token.isBlank() ? "" : "****")
                + ", timeout=" + timeout + ", sandboxInCluster=" + sandboxInCluster + "]";
    }
}
