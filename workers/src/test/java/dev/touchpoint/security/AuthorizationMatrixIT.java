package dev.touchpoint.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.touchpoint.IsolatedApplication;
import dev.touchpoint.TouchpointApplication;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * The authorisation matrix (ADR-0016): every endpoint the running application maps (annotated controllers, actuator,
 * the adapters' functional routes, WebSocket and resource handlers) x every role, anonymous, an OIDC token without
 * Touchpoint roles and one for another audience, against the table {@link #EXPECTED}. An endpoint missing from the
 * table fails the test: a new endpoint needs an explicit rule here and in {@link SecurityConfiguration#authorize}.
 */
@SpringBootTest(classes = {TouchpointApplication.class, AuthorizationMatrixIT.Keys.class})
@AutoConfigureMockMvc
class AuthorizationMatrixIT {

    static final KeyPair KEYS = rsa();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        IsolatedApplication.register(registry, "touchpoint.security.mode=oidc",
                "touchpoint.security.oidc.audience=touchpoint-matrix");
    }

    /** Not a @TestConfiguration: named in @SpringBootTest only. */
    static class Keys {
        @Bean
        JwtDecoder jwtDecoder() {
            return NimbusJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic()).build();
        }
    }

    /** Who may call an endpoint. */
    record Rule(boolean isPublic, Set<String> roles) {
        static Rule open() {
            return new Rule(true, Set.of());
        }

        static Rule nobody() {
            return new Rule(false, Set.of());
        }

        static Rule roles(String... roles) {
            return new Rule(false, Set.of(roles));
        }
    }

    static final String A = Roles.ADMIN, M = Roles.MARKETING, C = Roles.COMPLIANCE, D = Roles.DESIGNER, O = Roles.OPERATOR;

    /** The expected access of every endpoint, as "METHOD pattern" (ANY: every method). */
    static final Map<String, Rule> EXPECTED = new LinkedHashMap<>();

    static {
        // public: protected by their own signatures / tokens and the rate limits
        for (String endpoint : List.of("POST /api/events", "GET /t/o/{token}.gif", "GET /t/c/{token}", "GET /t/unsubscribe",
                "POST /t/unsubscribe", "POST /webhooks/twilio/status", "POST /webhooks/twilio/inbound", "GET /kiosk/-/{asset}",
                "GET /kiosk/{storeId}/{kioskId}", "ANY /kiosk/ws", "ANY /error",
                "GET /t/s/{token}", "GET /t/s/{token}/{score}", "POST /t/s/{token}/comment")) {
            EXPECTED.put(endpoint, Rule.open());
        }
        // customers
        EXPECTED.put("GET /api/customers/{id}", Rule.roles(A, M, C));
        EXPECTED.put("GET /api/customers", Rule.roles(A, M, C));
        EXPECTED.put("PUT /api/customers/{id}", Rule.roles(A, M));
        EXPECTED.put("DELETE /api/customers/{id}", Rule.roles(A, C));
        EXPECTED.put("POST /api/customers/import", Rule.roles(A, M));
        EXPECTED.put("PUT /api/customers/{id}/consent/{channel}/{purpose}", Rule.roles(A, M, C));
        // campaigns
        for (String endpoint : List.of("GET /api/campaigns", "POST /api/campaigns", "GET /api/campaigns/{id}",
                "POST /api/campaigns/{id}/audience", "POST /api/campaigns/{id}/dry-run", "POST /api/campaigns/{id}/launch",
                "POST /api/campaigns/{id}/pause", "POST /api/campaigns/{id}/resume", "POST /api/campaigns/{id}/cancel")) {
            EXPECTED.put(endpoint, Rule.roles(A, M));
        }
        // survey results: aggregates, no customer data (ADR-0026)
        EXPECTED.put("GET /api/surveys/results", Rule.roles(A, M));
        EXPECTED.put("GET /api/surveys/results.csv", Rule.roles(A, M));
        // evidence ledger and GDPR requests
        for (String endpoint : List.of("GET /api/ledger/entries", "GET /api/ledger/export", "GET /api/ledger/customers/{id}/access-export",
                "POST /api/ledger/customers/{id}/erase", "GET /api/ledger/verify", "POST /api/ledger/retention")) {
            EXPECTED.put(endpoint, Rule.roles(A, C));
        }
        // journeys: reading is for everyone who works with journeys; contacting customers is not for operators
        EXPECTED.put("GET /api/journeys", Rule.roles(A, M, D, O));
        EXPECTED.put("POST /api/journeys/{processId}/instances", Rule.roles(A, M, D));
        EXPECTED.put("POST /api/journeys/messages", Rule.roles(A, M, D));
        EXPECTED.put("GET /api/journeys/interrupted", Rule.roles(A, M, D, O));
        EXPECTED.put("POST /api/journeys/interrupted/restart", Rule.roles(A, M));
        // kiosk operations
        EXPECTED.put("GET /api/kiosks", Rule.roles(A, O));
        EXPECTED.put("DELETE /api/kiosks/{storeId}/{kioskId}/connection", Rule.roles(A, O));
        // sandboxes: what was "sent"; playing a customer's phone changes consent
        for (String endpoint : List.of("GET /api/sandbox/email/messages", "GET /api/sandbox/email/messages/{id}",
                "GET /api/sandbox/email/messages/{id}/raw", "DELETE /api/sandbox/email/messages",
                "GET /api/sandbox/sms/messages", "GET /api/sandbox/sms/messages/{sid}", "DELETE /api/sandbox/sms/messages",
                "GET /api/sandbox/push/messages", "GET /api/sandbox/push/messages/{id}", "DELETE /api/sandbox/push/messages",
                "GET /api/sandbox/kiosk/links", "GET /api/sandbox/service-desk/tasks",
                "DELETE /api/sandbox/service-desk/tasks")) {
            EXPECTED.put(endpoint, Rule.roles(A, M, D, O));
        }
        EXPECTED.put("POST /api/sandbox/sms/inbound", Rule.roles(A, M, C));
        // actuator: operations only (the probes below are public)
        for (String endpoint : List.of("GET /actuator", "GET /actuator/health", "GET /actuator/health/**", "GET /actuator/info",
                "GET /actuator/metrics", "GET /actuator/metrics/{requiredMetricName}", "GET /actuator/prometheus")) {
            EXPECTED.put(endpoint, Rule.roles(A, O));
        }
        // Spring's static resource handlers: nothing is served from them
        EXPECTED.put("ANY /**", Rule.nobody());
        EXPECTED.put("ANY /webjars/**", Rule.nobody());
    }

    /** Any signed-in user, with or without a Touchpoint role (console pages that show only what the roles allow). */
    static final String SIGNED_IN = "*";

    /**
     * The web console (ADR-0024), behind its own chain: a session from the sign-in form, CSRF tokens; a bearer token
     * or Basic credentials open nothing there. The same rule shape: open, or the roles that may call.
     */
    static final Map<String, Rule> CONSOLE = new LinkedHashMap<>();

    static {
        for (String endpoint : List.of("GET /console/login", "ANY /console/denied", "ANY /console/assets/**",
                "ANY /console/webjars/**")) {
            CONSOLE.put(endpoint, Rule.open());
        }
        CONSOLE.put("GET /", Rule.roles(SIGNED_IN));
        CONSOLE.put("GET /console", Rule.roles(SIGNED_IN));
        for (String endpoint : List.of("GET /console/journeys", "GET /console/journeys/{processId}",
                "GET /console/journeys/{processId}/diagram.bpmn", "GET /console/journeys/{processId}/counts")) {
            CONSOLE.put(endpoint, Rule.roles(A, M, D, O));
        }
        CONSOLE.put("POST /console/journeys/incidents/{key}/retry", Rule.roles(A, O));
        for (String endpoint : List.of("GET /console/campaigns", "POST /console/campaigns", "GET /console/campaigns/{id}",
                "GET /console/campaigns/{id}/progress", "GET /console/campaigns/{id}/series", "POST /console/campaigns/{id}/audience",
                "POST /console/campaigns/{id}/dry-run", "POST /console/campaigns/{id}/launch", "POST /console/campaigns/{id}/pause",
                "POST /console/campaigns/{id}/resume", "POST /console/campaigns/{id}/cancel")) {
            CONSOLE.put(endpoint, Rule.roles(A, M));
        }
        for (String endpoint : List.of("GET /console/surveys", "GET /console/surveys/series")) {
            CONSOLE.put(endpoint, Rule.roles(A, M));
        }
        for (String endpoint : List.of("GET /console/customers", "GET /console/customers/{id}",
                "GET /console/customers/{id}/access-export", "POST /console/customers/{id}/erase",
                "GET /console/customers/{id}/diagrams/{processId}.bpmn")) {
            CONSOLE.put(endpoint, Rule.roles(A, C));
        }
        for (String endpoint : List.of("GET /console/templates", "GET /console/templates/{id}/{channel}.html")) {
            CONSOLE.put(endpoint, Rule.roles(A, M, D));
        }
        for (String endpoint : List.of("GET /console/operations", "GET /console/operations/status", "GET /console/operations/throughput")) {
            CONSOLE.put(endpoint, Rule.roles(A, O));
        }
    }

    /** Concrete paths checked besides the mapped patterns. */
    static final Map<String, Rule> PROBES = Map.of(
            "GET /actuator/health/liveness", Rule.open(),
            "GET /actuator/health/readiness", Rule.open());

    /** Who calls: anonymous, each role, a token without roles, a token for another audience. */
    static final String ANONYMOUS = "anonymous", NO_ROLES = "token without roles", WRONG_AUDIENCE = "ADMIN token for another audience";

    @Autowired ApplicationContext context;
    @Autowired MockMvc mvc;

    @Test
    void everyEndpointHasAnExplicitRuleAndEnforcesIt() throws Exception {
        Map<String, String> endpoints = endpoints();
        Set<String> withoutRule = new TreeSet<>(endpoints.keySet());
        withoutRule.removeAll(EXPECTED.keySet());
        withoutRule.removeAll(CONSOLE.keySet());
        Set<String> stale = new TreeSet<>(EXPECTED.keySet());
        stale.addAll(CONSOLE.keySet());
        stale.removeAll(endpoints.keySet());
        assertThat(withoutRule).as("endpoints without an expected rule in this test (add one here and in "
                + "SecurityConfiguration.authorize)").isEmpty();
        assertThat(stale).as("rules in this test for endpoints the application does not have").isEmpty();

        Map<String, String> callers = new LinkedHashMap<>();
        callers.put(ANONYMOUS, null);
        for (String role : Roles.ALL) {
            callers.put(role, "Bearer " + token(List.of(role), "touchpoint-matrix"));
        }
        callers.put(NO_ROLES, "Bearer " + token(List.of("offline_access"), "touchpoint-matrix"));
        callers.put(WRONG_AUDIENCE, "Bearer " + token(List.of(Roles.ADMIN), "another-application"));

        List<String> violations = new ArrayList<>();
        Map<String, Rule> all = new TreeMap<>(EXPECTED);
        all.putAll(PROBES);
        for (Map.Entry<String, Rule> entry : all.entrySet()) {
            String endpoint = entry.getKey();
            String contentType = endpoints.getOrDefault(endpoint, "");
            Map<String, Integer> statuses = new LinkedHashMap<>();
            for (Map.Entry<String, String> caller : callers.entrySet()) {
                statuses.put(caller.getKey(), call(endpoint, contentType, caller.getValue()));
            }
            check(endpoint, entry.getValue(), statuses, violations);
        }
        for (Map.Entry<String, Rule> entry : CONSOLE.entrySet()) {
            checkConsole(entry.getKey(), entry.getValue(), endpoints.getOrDefault(entry.getKey(), ""), violations);
        }
        assertThat(violations).as("endpoint: caller got status, expected ...").isEmpty();
    }

    /**
     * A console endpoint: anonymous callers and API credentials (an ADMIN bearer token) are sent to the sign-in page
     * (302); a session of each role, and one without any Touchpoint role, gets in or is refused (403); a state-changing
     * request of a role that may make it is refused without the CSRF token.
     */
    private void checkConsole(String endpoint, Rule rule, String contentType, List<String> violations) throws Exception {
        Map<String, Integer> statuses = new LinkedHashMap<>();
        statuses.put(ANONYMOUS, consoleCall(endpoint, contentType, null, null, true));
        statuses.put("ADMIN bearer token", consoleCall(endpoint, contentType, "Bearer " + token(List.of(Roles.ADMIN), "touchpoint-matrix"), null, true));
        for (String role : Roles.ALL) {
            statuses.put(role, consoleCall(endpoint, contentType, null, List.of(role), true));
        }
        statuses.put(NO_ROLES, consoleCall(endpoint, contentType, null, List.of(), true));
        int anonymous = statuses.get(ANONYMOUS);
        for (Map.Entry<String, Integer> entry : statuses.entrySet()) {
            String caller = entry.getKey();
            int status = entry.getValue();
            boolean session = Roles.ALL.contains(caller) || caller.equals(NO_ROLES);
            String expected;
            boolean ok;
            if (rule.isPublic()) {
                expected = "the anonymous answer " + anonymous;
                ok = status == anonymous;
            } else if (!session) {
                expected = "302 to the sign-in page";
                ok = status == TO_SIGN_IN;
            } else if (rule.roles().contains(SIGNED_IN) || rule.roles().contains(caller)) {
                expected = "neither the sign-in page, 401 nor 403";
                ok = status != TO_SIGN_IN && status != 401 && status != 403;
            } else {
                expected = "403";
                ok = status == 403;
            }
            if (!ok) {
                violations.add(endpoint + ": " + caller + " (console session) got "
                        + (status == TO_SIGN_IN ? "302 to the sign-in page" : status) + ", expected " + expected);
            }
        }
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        if (!rule.isPublic() && (method.equals("POST") || method.equals("PUT") || method.equals("DELETE"))) {
            String allowed = rule.roles().contains(SIGNED_IN) ? Roles.ADMIN : rule.roles().iterator().next();
            int status = consoleCall(endpoint, contentType, null, List.of(allowed), false);
            if (status != 403) {
                violations.add(endpoint + ": " + allowed + " without CSRF token got " + status + ", expected 403");
            }
        }
    }

    /** What {@link #consoleCall} answers for a redirect to the sign-in page (other redirects keep their status). */
    static final int TO_SIGN_IN = -302;

    private int consoleCall(String endpoint, String contentType, String authorization, List<String> sessionRoles, boolean csrf)
            throws Exception {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = endpoint.substring(endpoint.indexOf(' ') + 1)
                .replace("/**", "/matrix").replaceAll("\\{\\*?([A-Za-z]+)}", "matrix-$1");
        HttpMethod http = method.equals("ANY") ? HttpMethod.GET : HttpMethod.valueOf(method);
        MockHttpServletRequestBuilder request = request(http, path);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (sessionRoles != null) {
            request.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user("matrix")
                    .roles(sessionRoles.toArray(String[]::new)));
        }
        if (csrf) {
            request.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf());
        }
        if (http == HttpMethod.POST || http == HttpMethod.PUT || http == HttpMethod.PATCH) {
            request.contentType(MediaType.APPLICATION_FORM_URLENCODED).content("x=1");
        }
        org.springframework.mock.web.MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        String location = response.getRedirectedUrl();
        return response.getStatus() == 302 && location != null && location.endsWith("/console/login") ? TO_SIGN_IN : response.getStatus();
    }

    private static void check(String endpoint, Rule rule, Map<String, Integer> statuses, List<String> violations) {
        int anonymous = statuses.get(ANONYMOUS);
        for (Map.Entry<String, Integer> entry : statuses.entrySet()) {
            String caller = entry.getKey();
            int status = entry.getValue();
            String expected;
            boolean ok;
            if (rule.isPublic()) {
                expected = "the anonymous answer " + anonymous + (caller.equals(WRONG_AUDIENCE) ? " or 401" : "");
                // the same answer for everyone (POST /api/events answers 401 to all: it wants a source key, not a user)
                ok = status == anonymous || (caller.equals(WRONG_AUDIENCE) && status == 401);
            } else if (caller.equals(ANONYMOUS) || caller.equals(WRONG_AUDIENCE)) {
                expected = "401";
                ok = status == 401;
            } else if (rule.roles().contains(caller)) {
                expected = "neither 401 nor 403";
                ok = status != 401 && status != 403;
            } else {
                expected = "403";
                ok = status == 403;
            }
            if (!ok) {
                violations.add(endpoint + ": " + caller + " got " + status + ", expected " + expected);
            }
        }
    }

    private int call(String endpoint, String contentType, String authorization) throws Exception {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = endpoint.substring(endpoint.indexOf(' ') + 1)
                .replace("/**", "/matrix").replaceAll("\\{\\*?([A-Za-z]+)}", "matrix-$1");
        HttpMethod http = method.equals("ANY") ? HttpMethod.GET : HttpMethod.valueOf(method);
        MockHttpServletRequestBuilder request = request(http, path);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (http == HttpMethod.POST || http == HttpMethod.PUT || http == HttpMethod.PATCH) {
            String type = contentType.isEmpty() ? MediaType.APPLICATION_JSON_VALUE : contentType;
            request.contentType(type).content(type.contains("json") ? "{}" : "x=1");
        }
        return mvc.perform(request).andReturn().getResponse().getStatus();
    }

    /** Every mapped endpoint as "METHOD pattern", with the first content type it consumes ("" for none). */
    private Map<String, String> endpoints() {
        Map<String, String> endpoints = new TreeMap<>();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<String> methods = new LinkedHashSet<>();
                info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
                if (methods.isEmpty()) {
                    methods.add("ANY");
                }
                String consumes = info.getConsumesCondition().getConsumableMediaTypes().stream().findFirst()
                        .map(MediaType::toString).orElse("");
                for (String pattern : info.getPatternValues()) {
                    for (String method : methods) {
                        endpoints.put(method + " " + pattern, consumes);
                    }
                }
            }
        }
        for (RouterFunctionMapping mapping : context.getBeansOfType(RouterFunctionMapping.class).values()) {
            if (mapping.getRouterFunction() != null) {
                mapping.getRouterFunction().accept(new Routes(endpoints));
            }
        }
        for (AbstractUrlHandlerMapping mapping : context.getBeansOfType(AbstractUrlHandlerMapping.class).values()) {
            mapping.getHandlerMap().keySet().forEach(pattern -> endpoints.put("ANY " + pattern, ""));
        }
        return endpoints;
    }

    /** Collects "METHOD path" of functional routes. */
    private static final class Routes implements RouterFunctions.Visitor {
        private final Map<String, String> endpoints;
        private final Deque<String> prefixes = new ArrayDeque<>();

        Routes(Map<String, String> endpoints) {
            this.endpoints = endpoints;
        }

        @Override
        public void startNested(RequestPredicate predicate) {
            Predicate p = Predicate.of(predicate);
            prefixes.push(p.path == null ? "" : p.path);
        }

        @Override
        public void endNested(RequestPredicate predicate) {
            prefixes.pop();
        }

        @Override
        public void route(RequestPredicate predicate, HandlerFunction<?> handler) {
            Predicate p = Predicate.of(predicate);
            String path = String.join("", prefixes.reversed()) + (p.path == null ? "" : p.path);
            for (String method : p.methods.isEmpty() ? Set.of("ANY") : p.methods) {
                endpoints.put(method + " " + path, "");
            }
        }

        @Override
        public void resources(Function<ServerRequest, java.util.Optional<Resource>> lookup) {
            endpoints.put("ANY <functional resources " + lookup + ">", "");
        }

        @Override
        public void attributes(Map<String, Object> attributes) {
        }

        @Override
        public void unknown(RouterFunction<?> routerFunction) {
            endpoints.put("ANY <unknown route " + routerFunction + ">", "");
        }
    }

    /** The methods and path of a route's predicate. */
    private static final class Predicate implements RequestPredicates.Visitor {
        final Set<String> methods = new TreeSet<>();
        String path;

        static Predicate of(RequestPredicate predicate) {
            Predicate p = new Predicate();
            predicate.accept(p);
            return p;
        }

        @Override
        public void method(Set<HttpMethod> methods) {
            methods.forEach(m -> this.methods.add(m.name()));
        }

        @Override
        public void path(String pattern) {
            path = pattern;
        }

        @Override
        public void pathExtension(String extension) {
        }

        @Override
        public void header(String name, String value) {
        }

        @Override
        public void param(String name, String value) {
        }

        @Override
        public void startAnd() {
        }

        @Override
        public void and() {
        }

        @Override
        public void endAnd() {
        }

        @Override
        public void startOr() {
        }

        @Override
        public void or() {
        }

        @Override
        public void endOr() {
        }

        @Override
        public void startNegate() {
        }

        @Override
        public void endNegate() {
        }

        @Override
        public void unknown(RequestPredicate predicate) {
            path = "<unknown predicate " + predicate + ">";
        }
    }

    static String token(List<String> roles, String audience) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject("matrix").claim("roles", roles).audience(audience)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
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
