package dev.touchpoint.context;

import dev.touchpoint.security.Roles;
import dev.touchpoint.security.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The customer REST API behind the shared security: roles, import reports, consent, erasure. */
@SpringBootTest(classes = ContextTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
class CustomerApiIT {

    @DynamicPropertySource
    static void isolated(DynamicPropertyRegistry registry) throws Exception {
        List<String> properties = new ArrayList<>(ContextTestSupport.isolatedProperties(Files.createTempDirectory("customer-api-it")));
        properties.addAll(TestUsers.properties());
        for (String property : properties) {
            int eq = property.indexOf('=');
            registry.add(property.substring(0, eq), () -> property.substring(eq + 1));
        }
    }

    @Autowired
    MockMvc mvc;

    static final String ANA = """
            {"givenName":"Ana","familyName":"Silva","locale":"pt-BR","timeZone":"America/Sao_Paulo","email":"Ana@Example.com",
             "phone":"+55 11 98765-4321","attributes":{"segment":"vip"},"consents":{"email.marketing":"granted"}}
            """;

    @Test
    void everyCallNeedsAUserWithTheRightRole() throws Exception {
        mvc.perform(get("/api/customers/api-0")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/customers/api-0").with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                .httpBasic("marketing", "wrong"))).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/customers/api-0").with(TestUsers.as(Roles.DESIGNER))).andExpect(status().isForbidden());
        mvc.perform(get("/api/customers/api-0").with(TestUsers.as(Roles.MARKETING))).andExpect(status().isNotFound());
        mvc.perform(get("/webhooks/none")).andExpect(status().isNotFound()); // public: no login asked
    }

    @Test
    void createReadChangeConsentAndErase() throws Exception {
        mvc.perform(put("/api/customers/api-1").with(TestUsers.as(Roles.MARKETING)).contentType(MediaType.APPLICATION_JSON).content(ANA))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.outcome").value("CREATED"))
                .andExpect(jsonPath("$.customer.profile.email").value("ana@example.com"))
                .andExpect(jsonPath("$.customer.profile.phone").value("+5511987654321"))
                .andExpect(jsonPath("$.customer.consents[0].channel").value("EMAIL"))
                .andExpect(jsonPath("$.customer.consents[0].proof").value("api:marketing"));
        mvc.perform(put("/api/customers/api-1").with(TestUsers.as(Roles.MARKETING)).contentType(MediaType.APPLICATION_JSON).content(ANA.replace("\"consents\":{\"email.marketing\":\"granted\"}", "\"consents\":{}")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.outcome").value("UNCHANGED"));

        mvc.perform(put("/api/customers/api-1/consent/sms/marketing").with(TestUsers.as(Roles.COMPLIANCE)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"withdrawn\",\"source\":\"preference_center\",\"proof\":\"pc-77\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.applied").value(true))
                .andExpect(jsonPath("$.inForce.source").value("PREFERENCE_CENTER"));
        mvc.perform(get("/api/customers").param("phone", "+5511987654321").with(TestUsers.as(Roles.ADMIN)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.customerIds[0]").value("api-1"));

        mvc.perform(delete("/api/customers/api-1").with(TestUsers.as(Roles.MARKETING))).andExpect(status().isForbidden());
        mvc.perform(delete("/api/customers/api-1").with(TestUsers.as(Roles.COMPLIANCE))).andExpect(status().isNoContent());
        mvc.perform(get("/api/customers/api-1").with(TestUsers.as(Roles.ADMIN))).andExpect(status().isNotFound());
        mvc.perform(delete("/api/customers/api-1").with(TestUsers.as(Roles.ADMIN))).andExpect(status().isNotFound());
    }

    @Test
    void invalidCustomersAreRefusedWithEveryReason() throws Exception {
        mvc.perform(put("/api/customers/api-2").with(TestUsers.as(Roles.MARKETING)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"nope\",\"timeZone\":\"Moon/Base\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.violations[*].field", hasItem("email")))
                .andExpect(jsonPath("$.violations[*].field", hasItem("timeZone")));
        mvc.perform(put("/api/customers/api-2/consent/fax/marketing").with(TestUsers.as(Roles.MARKETING)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"granted\"}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void importReportsLineNumbers() throws Exception {
        String csv = "id,email,timeZone,consent.email.marketing\napi-10,ten@example.com,Europe/Oslo,granted\napi-11,bad@,Europe/Oslo,granted\n";
        mvc.perform(post("/api/customers/import").param("source", "upload.csv").with(TestUsers.as(Roles.ADMIN))
                        .contentType("text/csv").content(csv))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(1))
                .andExpect(jsonPath("$.rejected").value(1))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("line 3: email:")));
        String jsonl = "{\"id\":\"api-12\",\"timeZone\":\"Nowhere/Land\"}\n";
        mvc.perform(post("/api/customers/import").with(TestUsers.as(Roles.MARKETING)).contentType("application/x-ndjson").content(jsonl))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.errors[0].message").value("line 1: timeZone: unknown time zone 'Nowhere/Land'"));
        mvc.perform(post("/api/customers/import").with(TestUsers.as(Roles.COMPLIANCE)).contentType("text/csv").content(csv))
                .andExpect(status().isForbidden());
    }
}
