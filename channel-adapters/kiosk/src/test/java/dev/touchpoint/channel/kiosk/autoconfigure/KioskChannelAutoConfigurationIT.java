package dev.touchpoint.channel.kiosk.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.HazelcastInstance;
import dev.touchpoint.channel.ChannelMisconfiguredException;
import dev.touchpoint.channel.kiosk.KioskDirectory;
import dev.touchpoint.channel.kiosk.KioskHub;
import dev.touchpoint.channel.kiosk.KioskRoute;
import dev.touchpoint.channel.kiosk.LocalKioskDirectory;
import dev.touchpoint.channel.kiosk.TestHazelcast;
import dev.touchpoint.channel.kiosk.WebSocketKioskAdapter;
import dev.touchpoint.channel.kiosk.hazelcast.HazelcastKioskDirectory;
import dev.touchpoint.channel.kiosk.sandbox.SandboxKioskEndpoints;
import dev.touchpoint.channel.kiosk.web.KioskOperatorEndpoints;
import dev.touchpoint.channel.kiosk.web.KioskPageEndpoints;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.websocket.servlet.WebSocketServletAutoConfiguration;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

class KioskChannelAutoConfigurationIT {

    static final String SECRET = "touchpoint.channels.kiosk.secret=autoconfig-secret-0123456789abcdefghij";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class,
                    KioskChannelAutoConfiguration.class));
    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class, JacksonAutoConfiguration.class,
                    HttpMessageConvertersAutoConfiguration.class, WebMvcAutoConfiguration.class,
                    WebSocketServletAutoConfiguration.class, KioskChannelAutoConfiguration.class));

    @Test
    void withoutASecretOrHazelcastTheEmbeddedDefaultRunsAloneWithARandomSecret() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(WebSocketKioskAdapter.class).hasSingleBean(KioskHub.class)
                    .doesNotHaveBean(KioskRoute.class).doesNotHaveBean(KioskPageEndpoints.class);
            assertThat(context.getBean(KioskDirectory.class)).isInstanceOf(LocalKioskDirectory.class);
            assertThat(context.getBean(KioskAccess.class).generatedSecret()).isTrue();
        });
    }

    @Test
    void aConfiguredSecretIsUsedAndNeverShown() {
        runner.withPropertyValues(SECRET, "touchpoint.channels.kiosk.instance-id=shop-app-1").run(context -> {
            assertThat(context.getBean(KioskAccess.class).generatedSecret()).isFalse();
            assertThat(context.getBean(KioskHub.class).instanceId()).isEqualTo("shop-app-1");
            assertThat(context.getBean(KioskChannelProperties.class).toString())
                    .doesNotContain("autoconfig-secret");
        });
    }

    @Test
    void theClusterProfileNeedsASecretOfAtLeast32Characters() {
        runner.withInitializer(c -> c.getEnvironment().setActiveProfiles("cluster")).run(context ->
                assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ChannelMisconfiguredException.class)
                        .hasMessageContaining("TOUCHPOINT_KIOSK_SECRET"));
        runner.withPropertyValues("touchpoint.channels.kiosk.secret=too-short").run(context ->
                assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ChannelMisconfiguredException.class)
                        .hasMessageContaining("32"));
    }

    @Test
    void badTimingAndIdsAreRejectedAtStartUp() {
        runner.withPropertyValues(SECRET, "touchpoint.channels.kiosk.heartbeat=20s",
                "touchpoint.channels.kiosk.presence-ttl=30s").run(context ->
                assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ChannelMisconfiguredException.class)
                        .hasMessageContaining("two heartbeats"));
        runner.withPropertyValues(SECRET, "touchpoint.channels.kiosk.kiosks[0].store-id=../etc",
                "touchpoint.channels.kiosk.kiosks[0].kiosk-id=k1").run(context ->
                assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(BindValidationException.class));
    }

    @Test
    void theApplicationsHazelcastInstanceCarriesPresenceAndRouting() {
        HazelcastInstance member = new TestHazelcast(1).member(0);
        try {
            runner.withPropertyValues(SECRET).withBean(HazelcastInstance.class, () -> member).run(context -> {
                assertThat(context.getBean(KioskDirectory.class)).isInstanceOf(HazelcastKioskDirectory.class);
                assertThat(context).hasSingleBean(KioskRoute.class);
            });
            runner.withPropertyValues(SECRET, "touchpoint.channels.kiosk.hazelcast.enabled=false")
                    .withBean(HazelcastInstance.class, () -> member).run(context ->
                            assertThat(context.getBean(KioskDirectory.class)).isInstanceOf(LocalKioskDirectory.class));
        } finally {
            member.shutdown();
        }
    }

    @Test
    void aWebApplicationServesTheKioskPageAndListsSandboxLinksOnlyForARandomSecret() {
        web.run(context -> assertThat(context).hasSingleBean(KioskPageEndpoints.class)
                .hasSingleBean(KioskOperatorEndpoints.class).hasSingleBean(SandboxKioskEndpoints.class));
        web.withPropertyValues(SECRET).run(context -> assertThat(context).hasSingleBean(KioskPageEndpoints.class)
                .doesNotHaveBean(SandboxKioskEndpoints.class));
    }

    @Test
    void theSandboxListsWorkingLinksAndThePageChecksThem() {
        web.withPropertyValues("touchpoint.channels.kiosk.kiosks[0].store-id=berlin-mitte",
                "touchpoint.channels.kiosk.kiosks[0].kiosk-id=entrance-1",
                "touchpoint.channels.kiosk.kiosks[1].store-id=berlin-mitte",
                "touchpoint.channels.kiosk.kiosks[1].kiosk-id=vip-1",
                "touchpoint.channels.kiosk.kiosks[1].token=issued-elsewhere").run(context -> {
                    MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
                    String links = mvc.perform(get("/api/sandbox/kiosk/links")).andExpect(status().isOk())
                            .andReturn().getResponse().getContentAsString();
                    JsonNode list = new ObjectMapper().readTree(links);
                    assertThat(list).extracting(n -> n.path("storeId").asText() + "/" + n.path("kioskId").asText())
                            .containsExactly("demo-store/entrance-1", "berlin-mitte/entrance-1");
                    URI link = URI.create(list.get(1).path("link").asText());
                    assertThat(link.getPath()).isEqualTo("/kiosk/berlin-mitte/entrance-1");
                    mvc.perform(get(link.getPath() + "?" + link.getRawQuery())).andExpect(status().isOk())
                            .andExpect(header().string("Content-Security-Policy",
                                    KioskPageEndpoints.CONTENT_SECURITY_POLICY))
                            .andExpect(content().string(containsString("kiosk.js")));
                    mvc.perform(get(link.getPath() + "?token=forged")).andExpect(status().isForbidden())
                            .andExpect(content().string(not(containsString("kiosk.js"))));
                    mvc.perform(get("/kiosk/-/kiosk.js")).andExpect(status().isOk())
                            .andExpect(header().string("Content-Type", "text/javascript;charset=UTF-8"));
                    mvc.perform(get("/kiosk/-/secrets.txt")).andExpect(status().isNotFound());
                    mvc.perform(get("/api/kiosks")).andExpect(status().isOk()).andExpect(content().json("[]"));
                    mvc.perform(get("/api/kiosks?store=../x")).andExpect(status().isBadRequest());
                    mvc.perform(delete("/api/kiosks/berlin-mitte/entrance-1/connection"))
                            .andExpect(status().isNotFound());
                });
    }

    @Test
    void theChannelCanBeSwitchedOff() {
        web.withPropertyValues("touchpoint.channels.kiosk.enabled=false").run(context ->
                assertThat(context).doesNotHaveBean(WebSocketKioskAdapter.class).doesNotHaveBean(KioskHub.class)
                        .doesNotHaveBean(KioskPageEndpoints.class));
    }
}
