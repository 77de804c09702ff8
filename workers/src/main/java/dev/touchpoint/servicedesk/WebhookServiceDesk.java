package dev.touchpoint.servicedesk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Opens tasks by an outgoing webhook: {@code POST <url>} with the task as JSON, {@code Idempotency-Key: <taskId>} (a
 * desk that honours it, or a small adapter in front of one, opens one ticket however often a job is retried) and,
 * when configured, {@code Authorization: Bearer <token>}. 2xx: opened (the reference is the response's {@code id} or
 * {@code reference} when it is JSON with one); 408, 429, 5xx, timeouts and connection errors: try again; any other
 * status: refused.
 */
public class WebhookServiceDesk implements ServiceDesk {

    private final URI url;
    private final String token;
    private final Duration timeout;
    private final ObjectMapper json;
    private final HttpClient http;

    public WebhookServiceDesk(URI url, String token, Duration timeout, ObjectMapper json) {
        this.url = url;
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.timeout = timeout;
        // times as ISO-8601 text (2026-12-07T09:00:00Z), whatever the mapper it was given does
        this.json = json.copy().disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String open(ServiceDeskTask task) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(task);
        } catch (JsonProcessingException e) {
            throw new Refused("the task cannot be written as JSON: " + e.getOriginalMessage());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Idempotency-Key", task.taskId())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Unavailable(describe() + " not reachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable(describe() + ": interrupted", e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return reference(response.body());
        }
        if (status == 408 || status == 429 || status >= 500) {
            throw new Unavailable(describe() + " answered " + status + "; trying again", null);
        }
        throw new Refused(describe() + " refused the task with " + status + " (check touchpoint.service-desk.url and"
                + " token; the desk's answer is not repeated here)");
    }

    private String reference(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            JsonNode reference = node.hasNonNull("id") ? node.get("id") : node.get("reference");
            return reference == null || reference.isNull() || reference.isContainerNode() ? null
                    : truncate(reference.asText());
        } catch (IOException notJson) {
            return null;
        }
    }

    private static String truncate(String value) {
        return value.length() <= 200 ? value : value.substring(0, 200);
    }

    @Override
    public String describe() {
        return "the service desk at " + ServiceDeskProperties.printable(url);
    }
}
