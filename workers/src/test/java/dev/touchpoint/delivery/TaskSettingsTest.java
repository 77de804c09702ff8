package dev.touchpoint.delivery;

import dev.touchpoint.delivery.internal.TouchpointVariables;

import dev.touchpoint.delivery.internal.TouchpointJob;

import dev.touchpoint.delivery.internal.TaskSettings;

import dev.touchpoint.delivery.internal.TaskMisconfiguredException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.Priority;
import dev.touchpoint.context.Purpose;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskSettingsTest {

    @Test
    void readsEveryHeaderTheElementTemplatesWrite() {
        TaskSettings settings = TaskSettings.parse(Map.of(
                "templateId", "order-shipped",
                "category", "transactional",
                "priority", "high",
                "fallbackChannel", "sms",
                "resultVariable", "shippingPush",
                "retryBackoff", "PT1M",
                "onSuppressed", "error",
                "channels", "push, sms ,push"));

        assertThat(settings.templateId()).isEqualTo("order-shipped");
        assertThat(settings.purpose()).contains(Purpose.TRANSACTIONAL);
        assertThat(settings.priority()).isEqualTo(Priority.HIGH);
        assertThat(settings.fallbackChannel()).contains(Channel.SMS);
        assertThat(settings.resultVariable()).isEqualTo("shippingPush");
        assertThat(settings.retryBackoff()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.onSuppressed()).isEqualTo(TaskSettings.OnSuppressed.ERROR);
        assertThat(settings.channels()).containsExactly(Channel.PUSH, Channel.SMS);
    }

    @Test
    void defaultsAreSafe() {
        TaskSettings settings = TaskSettings.parse(Map.of("templateId", "welcome", "category", ""));

        assertThat(settings.purpose()).isEmpty();
        assertThat(settings.priority()).isEqualTo(Priority.NORMAL);
        assertThat(settings.resultVariable()).isEqualTo("touchpoint");
        assertThat(settings.retryBackoff()).isEqualTo(TaskSettings.DEFAULT_RETRY_BACKOFF);
        assertThat(settings.onSuppressed()).isEqualTo(TaskSettings.OnSuppressed.CONTINUE);
        assertThat(settings.channels()).isEmpty();
    }

    @Test
    void aBadHeaderNamesTheHeaderTheValueAndWhatIsAllowed() {
        assertThatThrownBy(() -> TaskSettings.parse(Map.of()))
                .isInstanceOf(TaskMisconfiguredException.class).hasMessageContaining("'templateId'").hasMessageContaining("missing");
        assertThatThrownBy(() -> TaskSettings.parse(Map.of("templateId", "welcome", "priority", "urgent")))
                .hasMessageContaining("'priority' = 'urgent'").hasMessageContaining("low, normal, high");
        assertThatThrownBy(() -> TaskSettings.parse(Map.of("templateId", "welcome", "retryBackoff", "30s")))
                .hasMessageContaining("'retryBackoff' = '30s'").hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> TaskSettings.parse(Map.of("templateId", "welcome", "resultVariable", "2bad")))
                .hasMessageContaining("'resultVariable' = '2bad'");
        assertThatThrownBy(() -> TaskSettings.parse(Map.of("templateId", "welcome", "channels", "email,fax")))
                .hasMessageContaining("'channels' = 'fax'");
    }

    @Test
    void idempotencyKeyIsStablePerElementInstanceAndLoopIteration() {
        TaskSettings settings = TaskSettings.parse(Map.of("templateId", "welcome"));
        TouchpointJob first = new TouchpointJob(10, 2251799813685249L, 2251799813685260L, "welcome", 3, "send-welcome-email", 3,
                settings, new TouchpointVariables("c-1", Map.of(), null, null, null));
        TouchpointJob retried = new TouchpointJob(99, 2251799813685249L, 2251799813685260L, "welcome", 3, "send-welcome-email", 2,
                settings, new TouchpointVariables("c-1", Map.of(), null, null, null));
        TouchpointJob iteration = new TouchpointJob(11, 2251799813685249L, 2251799813685261L, "welcome", 3, "send-welcome-email", 3,
                settings, new TouchpointVariables("c-1", Map.of(), null, null, 2));

        assertThat(first.idempotencyKey()).isEqualTo(retried.idempotencyKey()).isEqualTo("tp-2251799813685249-2251799813685260");
        assertThat(iteration.idempotencyKey()).isEqualTo("tp-2251799813685249-2251799813685261-2");
        assertThat(first.journey()).isEqualTo("welcome:3");
    }
}
