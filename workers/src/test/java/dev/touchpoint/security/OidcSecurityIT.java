package dev.touchpoint.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.touchpoint.context.ContextTestApplication;
import dev.touchpoint.context.ContextTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.file.Files;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The cluster profile's OIDC resource server: JWT bearer tokens, roles from a nested claim. */
@SpringBootTest(classes = {ContextTestApplication.class, OidcSecurityIT.Keys.class})
@AutoConfigureMockMvc
class OidcSecurityIT {

    static final KeyPair KEYS = rsa();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        for (String property : ContextTestSupport.isolatedProperties(Files.createTempDirectory("oidc-it"))) {
            int eq = property.indexOf('=');
            registry.add(property.substring(0, eq), () -> property.substring(eq + 1));
        }
        registry.add("touchpoint.security.mode", () -> "oidc");
        registry.add("touchpoint.security.oidc.roles-claim", () -> "realm_access.roles");
        registry.add("touchpoint.security.oidc.principal-claim", () -> "preferred_username");
    }

    /** Not a @TestConfiguration: named in @SpringBootTest only, never found by the application's component scan. */
    static class Keys {
        @Bean
        JwtDecoder jwtDecoder() {
            return NimbusJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic()).build();
        }
    }

    @Autowired
    MockMvc mvc;

    @Test
    void bearerTokensCarryTheRoles() throws Exception {
        mvc.perform(get("/api/customers/nobody")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/customers/nobody").header("Authorization", "Bearer " + token(List.of("marketing"))))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/customers/nobody").header("Authorization", "Bearer " + token(List.of("designer", "offline_access"))))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/customers/nobody").header("Authorization", "Bearer not-a-jwt")).andExpect(status().isUnauthorized());
        mvc.perform(get("/webhooks/none")).andExpect(status().isNotFound()); // public: no login asked
    }

    @Test
    void aTokenForAnotherAudienceIsRefusedWhateverItsRoles() throws Exception {
        mvc.perform(get("/api/customers/nobody").header("Authorization", "Bearer " + token(List.of("admin"), "crm")))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/customers/nobody").header("Authorization", "Bearer " + token(List.of("admin"), null)))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/customers/nobody").header("Authorization", "Bearer " + token(List.of("admin"), "touchpoint")))
                .andExpect(status().isNotFound());
    }

    static String token(List<String> roles) throws Exception {
        return token(roles, "touchpoint");
    }

    static String token(List<String> roles, String audience) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject("user-1").claim("preferred_username", "marta").audience(audience)
                .claim("realm_access", Map.of("roles", roles))
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner(KEYS.getPrivate()));
        return jwt.serialize();
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
