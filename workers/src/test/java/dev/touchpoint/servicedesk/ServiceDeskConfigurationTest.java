package dev.touchpoint.servicedesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.env.MockEnvironment;

class ServiceDeskConfigurationTest {

    private final ServiceDeskConfiguration configuration = new ServiceDeskConfiguration();
    private final StaticListableBeanFactory beans = new StaticListableBeanFactory();

    @Test
    void theClusterProfileRefusesToStartWithoutADeskUrl() {
        MockEnvironment cluster = new MockEnvironment();
        cluster.setActiveProfiles("cluster");

        assertThatThrownBy(() -> configuration.serviceDesk(properties("", false), beans.getBeanProvider(ObjectMapper.class), cluster))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("touchpoint.service-desk.url (TOUCHPOINT_SERVICE_DESK_URL) is not set in the cluster profile")
                .hasMessageContaining("touchpoint.service-desk.sandbox-in-cluster=true");
    }

    @Test
    void aTestClusterMayChooseTheSandboxAndTheEmbeddedDefaultUsesIt() {
        MockEnvironment cluster = new MockEnvironment();
        cluster.setActiveProfiles("cluster");

        assertThat(configuration.serviceDesk(properties("", true), beans.getBeanProvider(ObjectMapper.class), cluster))
                .isInstanceOf(SandboxServiceDesk.class);
        assertThat(configuration.serviceDesk(properties("", false), beans.getBeanProvider(ObjectMapper.class), new MockEnvironment()))
                .isInstanceOf(SandboxServiceDesk.class);
        assertThat(configuration.serviceDesk(properties("https://desk.example/api/tasks", false),
                beans.getBeanProvider(ObjectMapper.class), cluster)).isInstanceOf(WebhookServiceDesk.class);
    }

    private static ServiceDeskProperties properties(String url, boolean sandboxInCluster) {
        return new ServiceDeskProperties(url, null, Duration.ofSeconds(1), sandboxInCluster);
    }
}
