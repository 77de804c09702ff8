package dev.touchpoint.channel.push.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.touchpoint.channel.push.FcmCredentials;
import dev.touchpoint.channel.push.autoconfigure.SandboxFcmEndpoint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import dev.touchpoint.channel.CustomerDataEraser;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FCM stand-in of the embedded default: WireMock on loopback playing both Google's OAuth token endpoint and the
 * FCM HTTP v1 API, so the real adapter, the real auth library and its JWT grant all run and nothing leaves the
 * machine.
 * <ul>
 *   <li>At start it makes a throw-away RSA key pair and a service account around it
 *       ({@link #serviceAccountJson()}, {@code token_uri} = this server); nothing is written to disk.</li>
 *   <li>{@code POST /token} checks the JWT bearer grant (RS256 signature with that key, issuer, audience, scope,
 *       expiry) and hands out random access tokens valid for an hour.</li>
 *   <li>{@code POST /v1/projects/{project}/messages:send} checks the bearer token, the project and the message (a
 *       token, a notification with title and body, string data), keeps it, and answers like FCM.</li>
 * </ul>
 * Test tokens, as the FCM errors they stand for: a token starting with {@code unregistered} gets
 * {@code UNREGISTERED} (404), {@code invalid} {@code INVALID_ARGUMENT} (400, field {@code message.token}),
 * {@code quota} {@code QUOTA_EXCEEDED} (429, {@code Retry-After: 1}), {@code unavailable} {@code UNAVAILABLE} (503,
 * {@code Retry-After: 1}); every other token is accepted.
 */
public final class FcmSandbox implements SandboxFcmEndpoint, AutoCloseable, CustomerDataEraser {

    /** The sandbox's Firebase project. */
    public static final String PROJECT_ID = "touchpoint-sandbox";
    static final String TRANSFORMER = "touchpoint-fcm-sandbox";

    private static final Logger log = LoggerFactory.getLogger(FcmSandbox.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SEND_PATH = Pattern.compile("^/v1/projects/([^/]+)/messages:send$");
    private static final String GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token";
    private static final String JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private final int maxMessages;
    private final Clock clock;
    private final WireMockServer server;
    private final SecureRandom random = new SecureRandom();
    private final Deque<SandboxPush> outbox = new ConcurrentLinkedDeque<>();
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final String clientEmail = "touchpoint-sandbox@" + PROJECT_ID + ".iam.gserviceaccount.com";
    private KeyPair keys;

    /**
     * @param host        loopback address to bind
     * @param port        port, 0 for any free one (only this application talks to it)
     * @param maxMessages sends kept in memory
     */
    public FcmSandbox(String host, int port, int maxMessages, Clock clock) {
        this.maxMessages = maxMessages;
        this.clock = clock;
        this.server = new WireMockServer(WireMockConfiguration.options().bindAddress(host).port(port)
                .containerThreads(8).jettyAcceptors(1).maxRequestJournalEntries(200)
                .notifier(new Slf4jNotifier(false)).extensions(new FcmStandIn()));
    }

    public synchronized void start() {
        if (server.isRunning()) {
            return;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, random);
            keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make an RSA key pair", e);
        }
        server.start();
        server.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().withTransformers(TRANSFORMER)));
        server.stubFor(post(urlPathMatching("/v1/projects/[^/]+/messages:send"))
                .willReturn(aResponse().withTransformers(TRANSFORMER)));
        log.info("Push sandbox: FCM stand-in on {} (project {}); list messages at GET /api/sandbox/push/messages",
                baseUrl(), PROJECT_ID);
    }

    @Override
    public synchronized void close() {
        server.stop();
    }

    /** Where the adapter sends FCM requests. */
    @Override
    public URI baseUrl() {
        return URI.create("http://" + server.getOptions().bindAddress() + ":" + server.port());
    }

    /** The sandbox's OAuth token endpoint. */
    public URI tokenUri() {
        return URI.create(baseUrl() + "/token");
    }

    /**
     * A service-account key file for the sandbox: its private key exists only in this JVM, its {@code token_uri} is
     * {@link #tokenUri()}.
     */
    @Override
    public InputStream serviceAccountJson() {
        ObjectNode account = JSON.createObjectNode();
        account.put("type", "service_account");
        account.put("project_id", PROJECT_ID);
        account.put("private_key_id", "sandbox");
        account.put("private_key", pem(keys.getPrivate().getEncoded()));
        account.put("client_email", clientEmail);
        account.put("client_id", "100000000000000000000");
        account.put("token_uri", tokenUri().toString());
        return new ByteArrayInputStream(account.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Every send, newest first. */
    public List<SandboxPush> messages() {
        return List.copyOf(outbox);
    }

    public Optional<SandboxPush> message(String id) {
        return outbox.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    @Override
    public String name() {
        return "push-sandbox";
    }

    /** Forgets the messages to any of the addresses (device tokens); returns how many. */
    @Override
    public int eraseCustomer(String customerId, Set<String> addresses) {
        int before = outbox.size();
        outbox.removeIf(p -> p.token() != null && addresses.contains(p.token()));
        return Math.max(0, before - outbox.size());
    }

    /** Forgets every send; returns how many there were. */
    public int purge() {
        int count = outbox.size();
        outbox.clear();
        return count;
    }

    private void remember(SandboxPush push) {
        outbox.addFirst(push);
        while (outbox.size() > maxMessages) {
            outbox.pollLast();
        }
    }

    private String randomHex(int bytes) {
        byte[] data = new byte[bytes];
        random.nextBytes(data);
        return HexFormat.of().formatHex(data);
    }

    private static String pem(byte[] pkcs8) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pkcs8) + "\n-----END PRIVATE KEY-----\n";
    }

    /** Answers the token endpoint and messages:send like Google does. */
    private final class FcmStandIn implements ResponseDefinitionTransformerV2 {

        @Override
        public String getName() {
            return TRANSFORMER;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            var request = serveEvent.getRequest();
            String path = URI.create(request.getUrl()).getPath();
            if ("/token".equals(path)) {
                return token(request.getBodyAsString());
            }
            Matcher send = SEND_PATH.matcher(path);
            if (!send.matches()) {
                return googleError(404, "NOT_FOUND", "Requested entity was not found.", null);
            }
            String authorization = request.getHeader("Authorization");
            Instant expiry = authorization != null && authorization.startsWith("Bearer ")
                    ? accessTokens.get(authorization.substring(7)) : null;
            if (expiry == null || expiry.isBefore(clock.instant())) {
                return googleError(401, "UNAUTHENTICATED", "Request had invalid authentication credentials. "
                        + "Expected OAuth 2 access token, login cookie or other valid authentication credential.",
                        null);
            }
            if (!PROJECT_ID.equals(send.group(1))) {
                return googleError(403, "PERMISSION_DENIED", "Permission 'cloudmessaging.messages.create' denied "
                        + "on resource '//cloudresourcemanager.googleapis.com/projects/" + send.group(1) + "'", null);
            }
            return send(request.getBodyAsString());
        }

        private ResponseDefinition token(String form) {
            Map<String, String> params = new HashMap<>();
            for (String pair : form.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            if (!JWT_GRANT.equals(params.get("grant_type"))) {
                return oauthError("unsupported_grant_type", "Invalid grant_type: " + params.get("grant_type"));
            }
            String problem = checkAssertion(params.get("assertion"));
            if (problem != null) {
                return oauthError("invalid_grant", problem);
            }
            String accessToken = "ya29.sandbox-" + randomHex(24);
            accessTokens.put(accessToken, clock.instant().plus(Duration.ofHours(1)));
            ObjectNode body = JSON.createObjectNode();
            body.put("access_token", accessToken);
            body.put("expires_in", 3599);
            body.put("token_type", "Bearer");
            return json(200, body);
        }

        /** Why the JWT is not acceptable, or {@code null} when it is. */
        private String checkAssertion(String assertion) {
            if (assertion == null) {
                return "Missing required parameter: assertion";
            }
            String[] parts = assertion.split("\\.");
            if (parts.length != 3) {
                return "Invalid JWT: Token must be a short-lived token and in a reasonable timeframe.";
            }
            try {
                JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
                JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
                if (!"RS256".equals(header.path("alg").asText())) {
                    return "Invalid JWT: unsupported algorithm";
                }
                if (!verify(keys.getPublic(), parts[0] + "." + parts[1], Base64.getUrlDecoder().decode(parts[2]))) {
                    return "Invalid JWT Signature.";
                }
                long now = clock.instant().getEpochSecond();
                if (!clientEmail.equals(claims.path("iss").asText())) {
                    return "Invalid JWT: unknown issuer";
                }
                // Google's library names Google's token endpoint as audience wherever it sends the request
                String audience = claims.path("aud").asText();
                if (!GOOGLE_TOKEN_URI.equals(audience) && !tokenUri().toString().equals(audience)) {
                    return "Invalid JWT: audience must be the token endpoint";
                }
                if (claims.path("exp").asLong() < now || claims.path("iat").asLong() > now + 300) {
                    return "Invalid JWT: Token must be a short-lived token and in a reasonable timeframe.";
                }
                if (!Set.of(claims.path("scope").asText().split(" ")).contains(FcmCredentials.SCOPE)) {
                    return "Invalid JWT: the scope does not include " + FcmCredentials.SCOPE;
                }
                return null;
            } catch (IOException | IllegalArgumentException e) {
                return "Invalid JWT: not a JSON Web Token";
            }
        }

        private ResponseDefinition send(String bodyText) {
            JsonNode root;
            try {
                root = JSON.readTree(bodyText);
            } catch (IOException e) {
                return googleError(400, "INVALID_ARGUMENT", "Invalid JSON payload received.", null);
            }
            JsonNode message = root.path("message");
            String token = message.path("token").asText("");
            JsonNode notification = message.path("notification");
            String title = notification.path("title").asText(null);
            String body = notification.path("body").asText(null);
            if (token.isBlank()) {
                return invalidArgument("message.token", "Recipient of the message is not set.");
            }
            for (JsonNode value : message.path("data")) {
                if (!value.isTextual()) {
                    return invalidArgument("message.data", "Invalid value at 'message.data': not a string");
                }
            }
            Map<String, String> data = JSON.convertValue(message.path("data"), new TypeReference<>() { });
            Map<String, Object> android = JSON.convertValue(message.path("android"), new TypeReference<>() { });
            Map<String, Object> apns = JSON.convertValue(message.path("apns"), new TypeReference<>() { });
            String id = "0:" + clock.millis() + "%" + randomHex(8);
            Instant now = clock.instant();
            String image = notification.path("image").asText(null);
            if (token.startsWith("unregistered")) {
                remember(new SandboxPush(id, null, token, title, body, image, data, android, apns, "UNREGISTERED",
                        404, now));
                return googleError(404, "NOT_FOUND", "Requested entity was not found.", "UNREGISTERED");
            }
            if (token.startsWith("invalid")) {
                remember(new SandboxPush(id, null, token, title, body, image, data, android, apns,
                        "INVALID_ARGUMENT", 400, now));
                return invalidArgument("message.token",
                        "The registration token is not a valid FCM registration token");
            }
            if (token.startsWith("quota")) {
                remember(new SandboxPush(id, null, token, title, body, image, data, android, apns, "QUOTA_EXCEEDED",
                        429, now));
                return withRetryAfter(googleErrorBody(429, "RESOURCE_EXHAUSTED",
                        "Quota exceeded for quota metric 'Send requests'.", "QUOTA_EXCEEDED"), 429);
            }
            if (token.startsWith("unavailable")) {
                remember(new SandboxPush(id, null, token, title, body, image, data, android, apns, "UNAVAILABLE",
                        503, now));
                return withRetryAfter(googleErrorBody(503, "UNAVAILABLE", "The service is currently unavailable.",
                        "UNAVAILABLE"), 503);
            }
            String name = "projects/" + PROJECT_ID + "/messages/" + id;
            remember(new SandboxPush(id, name, token, title, body, image, data, android, apns, "accepted", 200,
                    now));
            ObjectNode answer = JSON.createObjectNode();
            answer.put("name", name);
            return json(200, answer);
        }

        private ResponseDefinition invalidArgument(String field, String description) {
            ObjectNode body = googleErrorBody(400, "INVALID_ARGUMENT", description, "INVALID_ARGUMENT");
            ObjectNode badRequest = ((ArrayNode) body.path("error").path("details")).addObject();
            badRequest.put("@type", "type.googleapis.com/google.rpc.BadRequest");
            ObjectNode violation = badRequest.putArray("fieldViolations").addObject();
            violation.put("field", field);
            violation.put("description", description);
            return json(400, body);
        }

        private ResponseDefinition googleError(int status, String canonical, String message, String fcmCode) {
            return json(status, googleErrorBody(status, canonical, message, fcmCode));
        }

        private ObjectNode googleErrorBody(int status, String canonical, String message, String fcmCode) {
            ObjectNode body = JSON.createObjectNode();
            ObjectNode error = body.putObject("error");
            error.put("code", status);
            error.put("message", message);
            error.put("status", canonical);
            ArrayNode details = error.putArray("details");
            if (fcmCode != null) {
                ObjectNode detail = details.addObject();
                detail.put("@type", "type.googleapis.com/google.firebase.fcm.v1.FcmError");
                detail.put("errorCode", fcmCode);
            }
            return body;
        }

        private ResponseDefinition oauthError(String error, String description) {
            ObjectNode body = JSON.createObjectNode();
            body.put("error", error);
            body.put("error_description", description);
            return json(400, body);
        }

        private ResponseDefinition withRetryAfter(ObjectNode body, int status) {
            return aResponse().withStatus(status).withHeader("Retry-After", "1")
                    .withHeader("Content-Type", "application/json; charset=UTF-8").withBody(body.toString()).build();
        }

        private ResponseDefinition json(int status, ObjectNode body) {
            return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=UTF-8")
                    .withBody(body.toString()).build();
        }
    }

    private static boolean verify(PublicKey key, String signed, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(signed.getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
