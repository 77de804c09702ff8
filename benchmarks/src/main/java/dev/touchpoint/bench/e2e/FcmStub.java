package dev.touchpoint.bench.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback stand-in for Google's OAuth token endpoint and FCM HTTP v1 {@code messages:send}, answering sends after a
 * uniformly random delay, so the real {@code FcmPushAdapter} (real service-account JWT signing, real HTTP) is measured
 * instead of the in-app sandbox. Every send is reported to a {@link Listener} when it arrives, before the delay.
 */
final class FcmStub implements AutoCloseable {

    static final String PROJECT = "bench-project";
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    /** Called when a send request arrives (before the simulated provider latency). */
    interface Listener {
        void received(String deviceToken, long receivedNanos);
    }

    private final WireMockServer server;

    FcmStub(int minDelayMs, int maxDelayMs, Listener listener) {
        ResponseDefinitionTransformerV2 recorder = new ResponseDefinitionTransformerV2() {
            @Override
            public ResponseDefinition transform(ServeEvent serveEvent) {
                long now = System.nanoTime();
                Matcher token = TOKEN.matcher(serveEvent.getRequest().getBodyAsString());
                if (token.find()) {
                    listener.received(token.group(1), now);
                }
                return serveEvent.getResponseDefinition();
            }

            @Override
            public boolean applyGlobally() {
                return false;
            }

            @Override
            public String getName() {
                return "bench-recorder";
            }
        };
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(64)
                .jettyAcceptors(2).asynchronousResponseEnabled(true).asynchronousResponseThreads(8)
                .disableRequestJournal().extensions(recorder));
        server.start();
        server.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"ya29.bench-token\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
        var send = aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"name\":\"projects/" + PROJECT + "/messages/0:bench\"}").withTransformers("bench-recorder");
        if (maxDelayMs > minDelayMs) {
            send = send.withUniformRandomDelay(minDelayMs, maxDelayMs);
        } else if (minDelayMs > 0) {
            send = send.withFixedDelay(minDelayMs);
        }
        server.stubFor(post(urlPathMatching("/v1/projects/[^/]+/messages:send")).willReturn(send));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Writes a service-account key file (fresh RSA key) whose token_uri is this stub. */
    Path writeServiceAccount(Path dir) throws IOException {
        String pem;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
            pem = "-----BEGIN PRIVATE KEY-----\\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
                            .replace("\n", "\\n")
                    + "\\n-----END PRIVATE KEY-----\\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String json = "{\"type\":\"service_account\",\"project_id\":\"" + PROJECT + "\",\"private_key_id\":\"bench\","
                + "\"private_key\":\"" + pem + "\",\"client_email\":\"bench@" + PROJECT + ".iam.gserviceaccount.com\","
                + "\"client_id\":\"1\",\"token_uri\":\"" + baseUrl() + "/token\"}";
        Path file = dir.resolve("fcm-service-account.json");
        Files.writeString(file, json);
        return file;
    }

    @Override
    public void close() {
        server.stop();
    }
}
