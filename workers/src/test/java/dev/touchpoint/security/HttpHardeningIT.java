package dev.touchpoint.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoint.IsolatedApplication;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The attack surface of HTTP over real connections (ADR-0016): credentials before bodies, body limits with 413 problem
 * details for declared and chunked bodies on every kind of endpoint, per-client rate limits with 429 and Retry-After.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HttpHardeningIT {

    static final String SHOP_KEY = "it-http-hardening-key";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void isolated(DynamicPropertyRegistry registry) {
        IsolatedApplication.register(registry,
                "touchpoint.ingress.sources.shop.api-keys=" + SHOP_KEY,
                "touchpoint.http.rate-limits.tracking.requests=3",
                "touchpoint.http.rate-limits.tracking.per=1h");
    }

    @LocalServerPort int port;

    @Test
    void anEventWithoutAValidKeyIsRefusedBeforeItsBodyIsRead() throws Exception {
        // declares 900 KB (under the limit) but sends 10 bytes: a server that reads the body first waits for the rest
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("POST /api/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "X-Touchpoint-Source: shop\r\nX-Touchpoint-Api-Key: wrong\r\nContent-Length: 900000\r\n\r\n{\"type\":1}")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(statusLine(socket)).startsWith("HTTP/1.1 401");
        }
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("POST /api/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n5\r\n[{}, \r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(statusLine(socket)).startsWith("HTTP/1.1 401");
        }
    }

    @Test
    void threeConcurrent300MbPostsWithoutAKeyAreAnsweredLongBeforeTheirEnd() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<long[]>> posts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                posts.add(pool.submit(() -> chunkedUntilAnswered(300L * 1024 * 1024)));
            }
            for (Future<long[]> post : posts) {
                long[] result = post.get();
                assertThat(result[0]).as("status").isEqualTo(401);
                assertThat(result[1]).as("bytes the client got to send before the answer").isLessThan(32L * 1024 * 1024);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeReading() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("POST /api/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "X-Touchpoint-Source: shop\r\nX-Touchpoint-Api-Key: " + SHOP_KEY + "\r\nContent-Length: 314572800\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(statusLine(socket)).startsWith("HTTP/1.1 413");
        }
    }

    @Test
    void aChunkedEventBodyOverTheLimitIs413WithAProblemDetail() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/api/events"))
                .header("Content-Type", "application/json").header("X-Touchpoint-Source", "shop")
                .header("X-Touchpoint-Api-Key", SHOP_KEY)
                .POST(chunked(jsonArrayOf(1536 * 1024))).build(), HttpResponse.BodyHandlers.ofString());

        assertProblem(response, 413);
        // and a signed request (the body is needed to check it) is bounded the same way
        HttpResponse<String> signed = HTTP.send(HttpRequest.newBuilder(uri("/api/events"))
                .header("Content-Type", "application/json").header("X-Touchpoint-Source", "shop")
                .header("X-Touchpoint-Signature", "sha256=" + "0".repeat(64))
                .POST(chunked(jsonArrayOf(1536 * 1024))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signed.statusCode()).isIn(401, 413); // no HMAC secret configured for shop: refused from the headers
    }

    @Test
    void webhookFormsAreBoundedWithOrWithoutALength() throws Exception {
        byte[] form = ("Body=" + "x".repeat(100 * 1024) + "&From=%2B15005550006").getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> declared = HTTP.send(HttpRequest.newBuilder(uri("/webhooks/twilio/inbound"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(declared, 413);

        HttpResponse<String> streamed = HTTP.send(HttpRequest.newBuilder(uri("/webhooks/twilio/inbound"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(chunked(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(streamed, 413);

        HttpResponse<String> small = HTTP.send(HttpRequest.newBuilder(uri("/webhooks/twilio/inbound"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(chunked("Body=STOP&From=%2B15005550006".getBytes(StandardCharsets.US_ASCII))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(small.statusCode()).isEqualTo(403); // read, and refused for its missing Twilio signature
    }

    @Test
    void jsonApisAreBoundedButImportsAreStreamed() throws Exception {
        byte[] customer = ("{\"givenName\":\"" + "x".repeat(1536 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> tooLarge = HTTP.send(HttpRequest.newBuilder(uri("/api/customers/http-1"))
                .header("Content-Type", "application/json").header("Authorization", TestUsers.authorization(Roles.MARKETING))
                .PUT(chunked(customer)).build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(tooLarge, 413);

        StringBuilder csv = new StringBuilder("id,givenName,email\n");
        for (int i = 0; csv.length() < 1536 * 1024; i++) {
            csv.append("http-import-").append(i).append(",Name").append(i).append(",not-an-address-").append(i).append('\n');
        }
        HttpResponse<String> imported = HTTP.send(HttpRequest.newBuilder(uri("/api/customers/import?source=big.csv"))
                .header("Content-Type", "text/csv").header("Authorization", TestUsers.authorization(Roles.MARKETING))
                .timeout(Duration.ofMinutes(3))
                .POST(chunked(csv.toString().getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
    }

    @Test
    void publicEndpointsAreRateLimitedPerClientWithRetryAfter() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(get("/t/o/not-a-token.gif", "10.0.0." + i).statusCode()).isEqualTo(404);
        }
        // X-Forwarded-For is not trusted without trusted proxies: a new value in it is still the same client
        HttpResponse<String> limited = get("/t/o/not-a-token.gif", "10.0.0.99");
        assertProblem(limited, 429);
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 3600L);
        // other groups have their own buckets
        assertThat(get("/t/c/not-a-token", null).statusCode()).isEqualTo(429); // tracking: opens and clicks share one
        assertThat(get("/t/unsubscribe?t=bogus", null).statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> get(String path, String forwardedFor) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> response, int status) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
    }

    /** Sends a chunked body of {@code total} bytes without a key until the server answers; status and bytes sent. */
    private long[] chunkedUntilAnswered(long total) throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("POST /api/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "X-Touchpoint-Source: shop\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) ' ');
            byte[] head = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            long sent = 0;
            try {
                while (sent < total && in.available() == 0) {
                    out.write(head);
                    out.write(chunk);
                    out.write(new byte[] {'\r', '\n'});
                    sent += chunk.length;
                }
            } catch (IOException closedByTheServer) {
                // the server answered and closed the connection: read the answer
            }
            String status = statusLine(socket);
            return new long[] {Long.parseLong(status.split(" ")[1]), sent};
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String statusLine(Socket socket) throws IOException {
        try {
            StringBuilder line = new StringBuilder();
            InputStream in = socket.getInputStream();
            for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
                line.append((char) c);
            }
            return line.toString().strip();
        } catch (SocketTimeoutException e) {
            return "no answer within " + socket.getSoTimeout() + " ms (the server is reading the body)";
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** No Content-Length: the client sends it chunked. */
    private static HttpRequest.BodyPublisher chunked(byte[] body) {
        return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
    }

    private static byte[] jsonArrayOf(int size) {
        StringBuilder json = new StringBuilder("[");
        while (json.length() < size) {
            json.append("{\"type\":\"customer.signed-up\"},");
        }
        return json.append("{}]").toString().getBytes(StandardCharsets.UTF_8);
    }
}
