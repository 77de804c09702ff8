package dev.touchpoint.channel.sms.webhook;

import com.twilio.security.RequestValidator;
import dev.touchpoint.channel.sms.TwilioSignature;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks {@code X-Twilio-Signature} with Twilio's {@link RequestValidator}. Twilio signs the URL it called, so the
 * URL is rebuilt as the public saw it:
 * <ol>
 *   <li>a configured public base URL (e.g. {@code https://touchpoint.example.com}) plus the request path and query;
 *   </li>
 *   <li>otherwise, when the proxy is trusted, {@code X-Forwarded-Proto}, {@code -Host}, {@code -Port} and
 *       {@code -Prefix};</li>
 *   <li>otherwise the URL the request arrived at.</li>
 * </ol>
 * Only POST body parameters are signed; query parameters are part of the URL. Forwarded headers are ignored unless
 * trusted: a client could otherwise pick the URL the signature is checked against (harmless for HMAC, but it would
 * hide a misrouted proxy).
 */
public final class TwilioWebhookVerifier {

    private final RequestValidator validator;
    private final String publicBaseUrl;
    private final boolean trustForwardedHeaders;

    /**
     * @param authToken             the account's auth token (the sandbox's in the embedded default)
     * @param publicBaseUrl         the public URL of this application, {@code null} if not configured
     * @param trustForwardedHeaders whether {@code X-Forwarded-*} headers come from a trusted proxy
     */
    public TwilioWebhookVerifier(String authToken, URI publicBaseUrl, boolean trustForwardedHeaders) {
        this.validator = new RequestValidator(Objects.requireNonNull(authToken, "authToken"));
        String base = publicBaseUrl == null ? null : publicBaseUrl.toString();
        this.publicBaseUrl = base != null && base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.trustForwardedHeaders = trustForwardedHeaders;
    }

    /** Whether the request carries a valid signature for its public URL and its body parameters. */
    public boolean verify(HttpServletRequest request, Map<String, String> bodyParams) {
        String signature = request.getHeader(TwilioSignature.HEADER);
        if (signature == null || signature.isBlank()) {
            return false;
        }
        return validator.validate(publicUrl(request), bodyParams, signature);
    }

    /** The URL Twilio called, as seen from outside. */
    String publicUrl(HttpServletRequest request) {
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        if (publicBaseUrl != null) {
            return publicBaseUrl + request.getRequestURI() + query;
        }
        if (trustForwardedHeaders && request.getHeader("X-Forwarded-Host") != null) {
            String proto = first(request.getHeader("X-Forwarded-Proto"), request.getScheme());
            String host = first(request.getHeader("X-Forwarded-Host"), request.getServerName());
            String port = first(request.getHeader("X-Forwarded-Port"), null);
            boolean defaultPort = port == null || "https".equals(proto) && "443".equals(port)
                    || "http".equals(proto) && "80".equals(port);
            String authority = host.contains(":") || defaultPort ? host : host + ":" + port;
            String prefix = first(request.getHeader("X-Forwarded-Prefix"), "");
            prefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
            return proto + "://" + authority + prefix + request.getRequestURI() + query;
        }
        return request.getRequestURL().toString() + query;
    }

    /**
     * The POST body parameters of a form request: the servlet merges query and body parameters, so the query
     * string's values are taken out again (Twilio signs only the body's).
     */
    public static Map<String, String> bodyParameters(HttpServletRequest request) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, array) -> values.put(name, new ArrayList<>(Arrays.asList(array))));
        for (Map.Entry<String, String> queryParam : queryParameters(request.getQueryString())) {
            List<String> list = values.get(queryParam.getKey());
            if (list != null) {
                list.remove(queryParam.getValue());
                if (list.isEmpty()) {
                    values.remove(queryParam.getKey());
                }
            }
        }
        Map<String, String> body = new LinkedHashMap<>();
        values.forEach((name, list) -> body.put(name, list.getFirst()));
        return body;
    }

    /** The decoded parameters of a query string, in order. */
    public static List<Map.Entry<String, String>> queryParameters(String query) {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.add(Map.entry(URLDecoder.decode(name, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8)));
        }
        return params;
    }

    private static String first(String header, String fallback) {
        if (header == null || header.isBlank()) {
            return fallback;
        }
        int comma = header.indexOf(',');
        return (comma < 0 ? header : header.substring(0, comma)).strip();
    }
}
