package dev.touchpoint.ingress.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoint.ingress.EventIngress;
import dev.touchpoint.ingress.EventOutcome;
import dev.touchpoint.security.HttpProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/events}: one event (a JSON object) or a batch (an array). Every event is validated on its own; good
 * events go through even when others in the batch are bad. Answers
 * <ul>
 *   <li>202 with one result per event (ACCEPTED, DUPLICATE, REJECTED with field and reason) when at least one event
 *       was handed to the engine, or nothing was refused by the engine;</li>
 *   <li>400 when every event was rejected;</li>
 *   <li>503 with Retry-After when the engine pushed back on any event (send the batch again: the idempotency keys make
 *       the events already accepted DUPLICATE);</li>
 *   <li>401 when the source is not authenticated, 413 when the batch is larger than {@code touchpoint.ingress.max-batch}
 *       or the body larger than {@code touchpoint.http.max-body.events}.</li>
 * </ul>
 * The credentials are checked before the body is read: a request without a valid API key is refused from its headers
 * alone; one signed with HMAC has its body read up to the size limit, then verified.
 */
@RestController
class EventApiController {

    static final String SOURCE_HEADER = "X-Touchpoint-Source";
    static final String API_KEY_HEADER = "X-Touchpoint-Api-Key";
    static final String SIGNATURE_HEADER = "X-Touchpoint-Signature";
    static final String TIMESTAMP_HEADER = "X-Touchpoint-Timestamp";

    private final EventIngress ingress;
    private final EventParser parser;
    private final SourceAuthenticator authenticator;
    private final ObjectMapper json;
    private final IngressProperties properties;
    private final BackpressureRetry retry;
    private final HttpProperties http;

    EventApiController(EventIngress ingress, EventParser parser, SourceAuthenticator authenticator, ObjectMapper json,
                       IngressProperties properties, BackpressureRetry retry, HttpProperties http) {
        this.http = http;
        this.ingress = ingress;
        this.parser = parser;
        this.authenticator = authenticator;
        this.json = json;
        this.properties = properties;
        this.retry = retry;
    }

    @PostMapping(path = "/api/events", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> post(HttpServletRequest request,
                                             @RequestHeader(name = SOURCE_HEADER, required = false) String source,
                                             @RequestHeader(name = API_KEY_HEADER, required = false) String apiKey,
                                             @RequestHeader(name = SIGNATURE_HEADER, required = false) String signature,
                                             @RequestHeader(name = TIMESTAMP_HEADER, required = false) String timestamp)
            throws java.io.IOException {
        SourceAuthenticator.Verdict verdict = authenticator.beforeBody(source, apiKey, signature, timestamp);
        if (verdict == SourceAuthenticator.Verdict.REFUSED) {
            return unauthorized();
        }
        long max = http.maxBody().events().toBytes();
        byte[] body = request.getInputStream().readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
        if (body.length > max) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                    .body(Map.of("error", "the body is larger than touchpoint.http.max-body.events (" + max + " bytes)"));
        }
        if (verdict == SourceAuthenticator.Verdict.NEEDS_BODY && authenticator.authenticate(source, null, signature, timestamp, body).isEmpty()) {
            return unauthorized();
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (java.io.IOException e) {
            return ResponseEntity.badRequest().body(Map.of("error", "body is not valid JSON", "field", "$"));
        }
        boolean batch = root != null && root.isArray();
        List<JsonNode> nodes = new ArrayList<>();
        if (batch) {
            root.forEach(nodes::add);
        } else {
            nodes.add(root);
        }
        if (nodes.size() > properties.maxBatch()) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                    .body(Map.of("error", "at most " + properties.maxBatch() + " events per request"));
        }
        List<Map<String, Object>> results = new ArrayList<>();
        int handed = 0;
        int rejected = 0;
        int busy = 0;
        for (int i = 0; i < nodes.size(); i++) {
            EventParser.Parsed parsed = parser.parse(nodes.get(i));
            EventOutcome outcome = parsed.valid() ? ingress.submit(parsed.event(), "http:" + source) : parsed.rejection();
            switch (outcome.status()) {
                case ACCEPTED, DUPLICATE -> handed++;
                case REJECTED -> rejected++;
                case BUSY -> busy++;
            }
            results.add(result(i, outcome));
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("accepted", handed);
        response.put("rejected", rejected);
        response.put("busy", busy);
        response.put("results", results);
        if (busy > 0) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, retry.retryAfter().toSeconds())))
                    .body(response);
        }
        if (handed == 0 && rejected > 0) {
            return ResponseEntity.badRequest().body(response);
        }
        return ResponseEntity.accepted().body(response);
    }

    private static ResponseEntity<Map<String, Object>> unauthorized() {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .body(Map.of("error", "unknown source, wrong " + API_KEY_HEADER + ", or a " + SIGNATURE_HEADER + " that does not"
                        + " verify: v1=<hex HMAC-SHA256 of \"<" + TIMESTAMP_HEADER + ">.<body>\">, the timestamp (unix seconds)"
                        + " within the replay window of this server's clock"));
    }

    private static Map<String, Object> result(int index, EventOutcome outcome) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("index", index);
        result.put("idempotencyKey", outcome.idempotencyKey());
        result.put("status", outcome.status().name());
        if (outcome.messageName() != null) {
            result.put("message", outcome.messageName());
        }
        if (outcome.field() != null) {
            result.put("field", outcome.field());
        }
        if (outcome.reason() != null) {
            result.put("reason", outcome.reason());
        }
        return result;
    }
}
