package dev.touchpoint.security;

import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * Test helper for any integration test that calls a Touchpoint API: one BASIC user per role with a known test
 * password. Add {@link #properties()} to the test's properties, then authenticate with {@link #as(String)} (MockMvc)
 * or send {@link #authorization(String)} as the Authorization header (real HTTP).
 *
 * <pre>
 * &#64;SpringBootTest(properties = {...})   // plus TestUsers.properties(), e.g. from a @DynamicPropertySource
 * mockMvc.perform(get("/api/customers/c-1").with(TestUsers.as(Roles.MARKETING)))
 * </pre>
 */
public final class TestUsers {

    /** The password of every test user (tests only; never in configuration). */
    public static final String PASSWORD = "integration-test-only";

    private TestUsers() {
    }

    /** {@code touchpoint.security.users[i].*} for users admin, marketing, compliance, designer, operator. */
    public static List<String> properties() {
        List<String> properties = new ArrayList<>();
        properties.add("touchpoint.security.mode=basic");
        for (int i = 0; i < Roles.ALL.size(); i++) {
            String role = Roles.ALL.get(i);
            properties.add("touchpoint.security.users[" + i + "].name=" + userName(role));
            properties.add("touchpoint.security.users[" + i + "].password={noop}" + PASSWORD);
            properties.add("touchpoint.security.users[" + i + "].roles=" + role);
        }
        return properties;
    }

    /** The user name of the test user with this role (the role in lower case). */
    public static String userName(String role) {
        return role.toLowerCase(Locale.ROOT);
    }

    /**
     * MockMvc: authenticate as the test user of this role, as a program does (with {@link CrossSiteRequests#HEADER},
     * so state-changing calls without a JSON body are not taken for a cross-site form).
     */
    public static RequestPostProcessor as(String role) {
        RequestPostProcessor basic = httpBasic(userName(role), PASSWORD);
        return request -> {
            request.addHeader(CrossSiteRequests.HEADER, "touchpoint-tests");
            return basic.postProcessRequest(request);
        };
    }

    /** The header a program sends with Basic credentials on state-changing calls: name and value. */
    public static final String[] PROGRAM_HEADER = {CrossSiteRequests.HEADER, "touchpoint-tests"};

    /** The Authorization header value for the test user of this role. */
    public static String authorization(String role) {
        return "Basic " + Base64.getEncoder().encodeToString((userName(role) + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }
}
