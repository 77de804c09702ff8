package dev.touchpoint.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.touchpoint.context.ContextTestApplication;
import dev.touchpoint.context.ContextTestSupport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The console's OIDC sign-in (cluster profile, ADR-0024) against an identity provider on loopback (the JDK's HTTP
 * server: discovery, keys, token endpoint): the authorization code flow with state and nonce, the ID token checked
 * against the provider's keys, the roles taken from the access token the API itself would accept, a session that then
 * opens the pages of those roles only. The provider is first asked at the first sign-in, not at start-up.
 */
@SpringBootTest(classes = {ContextTestApplication.class, ConsoleOidcLoginIT.Keys.class})
@AutoConfigureMockMvc
class ConsoleOidcLoginIT {

    static final KeyPair KEYS = OidcSecurityIT.rsa();
    static final HttpServer IDP = idp();
    static final String ISSUER = "http://127.0.0.1:" + IDP.getAddress().getPort() + "/realms/shop";
    static final AtomicReference<String> NONCE = new AtomicReference<>();
    static final AtomicInteger DISCOVERIES = new AtomicInteger();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        for (String property : ContextTestSupport.isolatedProperties(Files.createTempDirectory("console-oidc-it"))) {
            int eq = property.indexOf('=');
            registry.add(property.substring(0, eq), () -> property.substring(eq + 1));
        }
        registry.add("touchpoint.security.mode", () -> "oidc");
        registry.add("touchpoint.security.oidc.roles-claim", () -> "realm_access.roles");
        registry.add("touchpoint.security.oidc.principal-claim", () -> "preferred_username");
        registry.add("touchpoint.security.oidc.login.client-id", () -> "touchpoint-console");
        registry.add("touchpoint.security.oidc.login.client-secret", () -> "console-secret");
        registry.add("touchpoint.security.oidc.login.issuer-uri", () -> ISSUER);
    }

    /** The API's token decoder: the provider's key. */
    static class Keys {
        @Bean
        JwtDecoder jwtDecoder() {
            return NimbusJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic()).build();
        }
    }

    @Autowired MockMvc mvc;

    @AfterAll
    static void stop() {
        IDP.stop(0);
    }

    @Test
    void signingInThroughTheProviderOpensThePagesOfTheTokensRolesOnly() throws Exception {
        assertThat(DISCOVERIES).as("not asked at start-up").hasValue(0);
        MockHttpServletResponse page = mvc.perform(get("/console/campaigns")).andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(302);
        assertThat(page.getRedirectedUrl()).endsWith("/console/login");

        MockHttpSession session = new MockHttpSession();
        MockHttpServletResponse start = mvc.perform(get("/console/oauth2/authorization/" + ConsoleClientRegistrations.ID)
                .session(session)).andReturn().getResponse();
        assertThat(start.getStatus()).isEqualTo(302);
        URI authorize = URI.create(start.getRedirectedUrl());
        assertThat(authorize.toString()).startsWith(ISSUER + "/protocol/openid-connect/auth");
        Map<String, String> query = query(authorize);
        assertThat(query).containsEntry("client_id", "touchpoint-console").containsEntry("response_type", "code")
                .containsKey("state").containsKey("nonce");
        assertThat(query.get("redirect_uri")).endsWith("/console/login/oauth2/code/touchpoint");
        assertThat(DISCOVERIES).hasValue(1);
        NONCE.set(query.get("nonce"));

        // the provider sends the browser back with a code; Touchpoint redeems it at the token endpoint
        MockHttpServletResponse back = mvc.perform(get("/console/login/oauth2/code/touchpoint")
                .param("code", "code-1").param("state", query.get("state")).session(session)).andReturn().getResponse();
        assertThat(back.getStatus()).as(String.valueOf(back.getRedirectedUrl())).isEqualTo(302);
        assertThat(back.getRedirectedUrl()).endsWith("/console");
        MockHttpSession signedIn = session; // the same session, its id changed at sign-in (fixation protection)

        // MARKETING (from the access token's roles claim): campaigns pass security (no page in this slice: 404),
        // a compliance page is refused
        assertThat(mvc.perform(get("/console/campaigns").session(signedIn)).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(get("/console/customers").session(signedIn)).andReturn().getResponse().getStatus()).isEqualTo(403);
        // the session opens nothing on the API, which wants a bearer token
        assertThat(mvc.perform(get("/api/customers/nobody").session(signedIn)).andReturn().getResponse().getStatus()).isEqualTo(401);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    /** A minimal OpenID provider: discovery, JWKS, and a token endpoint answering any code for user marta. */
    private static HttpServer idp() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/realms/shop/.well-known/openid-configuration", exchange -> {
                DISCOVERIES.incrementAndGet();
                String issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/shop";
                json(exchange, "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/protocol/openid-connect/auth\","
                        + "\"token_endpoint\":\"" + issuer + "/protocol/openid-connect/token\",\"jwks_uri\":\"" + issuer
                        + "/protocol/openid-connect/certs\",\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
                        + "\"id_token_signing_alg_values_supported\":[\"RS256\"],\"scopes_supported\":[\"openid\",\"profile\"]}");
            });
            server.createContext("/realms/shop/protocol/openid-connect/certs", exchange -> json(exchange,
                    "{\"keys\":[" + new RSAKey.Builder((RSAPublicKey) KEYS.getPublic()).keyID("k1").build().toPublicJWK().toJSONString() + "]}"));
            server.createContext("/realms/shop/protocol/openid-connect/token", exchange -> {
                exchange.getRequestBody().readAllBytes();
                String issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/shop";
                try {
                    String id = sign(new JWTClaimsSet.Builder().issuer(issuer).subject("user-7").audience("touchpoint-console")
                            .claim("nonce", NONCE.get()).claim("preferred_username", "marta")
                            .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
                    String access = sign(new JWTClaimsSet.Builder().issuer(issuer).subject("user-7").audience("touchpoint")
                            .claim("preferred_username", "marta").claim("realm_access", Map.of("roles", List.of("marketing")))
                            .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
                    json(exchange, "{\"access_token\":\"" + access + "\",\"token_type\":\"Bearer\",\"expires_in\":300,"
                            + "\"scope\":\"openid profile\",\"id_token\":\"" + id + "\"}");
                } catch (Exception e) {
                    exchange.sendResponseHeaders(500, -1);
                    exchange.close();
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String sign(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(KEYS.getPrivate()));
        return jwt.serialize();
    }

    private static void json(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
