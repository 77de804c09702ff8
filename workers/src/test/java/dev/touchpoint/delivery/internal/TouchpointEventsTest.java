package dev.touchpoint.delivery.internal;

import dev.touchpoint.delivery.TouchpointEvent;






import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchpoint.brand.BrandDesignSystem;
import dev.touchpoint.brand.ContentFingerprint;
import dev.touchpoint.brand.TemplateDescriptor;
import dev.touchpoint.channel.Channel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the pipeline's events are built, handed to their listeners and counted ({@link TouchpointEvents}). */
class TouchpointEventsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final TemplateDescriptor WELCOME = BrandDesignSystem.fromClasspath().descriptor("welcome").orElseThrow();
    private static final TouchpointJob JOB = new TouchpointJob(1, 100, 200, "welcome", 2, "send-welcome-email", 3,
            TaskSettings.parse(Map.of("templateId", "welcome")), new TouchpointVariables("c-1", Map.of(), null, null, null),
            "e1111aaaa");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TouchpointMetrics metrics = new TouchpointMetrics(registry, Clock.fixed(NOW, ZoneOffset.UTC));
    private final List<TouchpointEvent> heard = new ArrayList<>();

    private TouchpointEvents events(java.util.function.Consumer<TouchpointEvent> listeners) {
        return new TouchpointEvents(listeners, metrics, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private double counted(String outcome) {
        var counter = registry.find(TouchpointMetrics.TOUCHPOINTS).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void theHeaderTellsTheJourneyTheChannelInLowerCaseAndTheRenderedContentWhenThereIsSome() {
        TouchpointEvents events = events(heard::add);
        ContentFingerprint rendered = new ContentFingerprint("welcome", "9.9.9", "ab".repeat(32), "de",
                dev.touchpoint.channel.Channel.EMAIL);

        TouchpointEvent.Header withContent = events.header(JOB, "tp-key", Channel.EMAIL, WELCOME, rendered);
        assertThat(withContent).isEqualTo(new TouchpointEvent.Header("c-1", "tp-key", "welcome:2", 100, "send-welcome-email",
                Channel.EMAIL, "welcome", "9.9.9", "ab".repeat(32), NOW, "e1111aaaa"));

        TouchpointEvent.Header decidedOnly = events.header(JOB, "tp-key", Channel.EMAIL, WELCOME, null);
        assertThat(decidedOnly.templateVersion()).as("not rendered: the template's own version").isEqualTo(WELCOME.version());
        assertThat(decidedOnly.contentSha256()).isNull();
    }

    @Test
    void everyOutcomeIsCountedOnceItsListenersAcceptedItButTheStartOfAnAttemptIsNot() {
        TouchpointEvents events = events(heard::add);
        TouchpointEvent.Header header = events.header(JOB, "tp-key", Channel.SMS, WELCOME, null);

        events.publish(new TouchpointEvent.Sending(header), Channel.SMS);
        events.publish(new TouchpointEvent.Sent(header, "SM1"), Channel.SMS);
        events.publish(new TouchpointEvent.Suppressed(header, "NO_CONSENT", null), Channel.SMS);

        assertThat(heard).extracting(TouchpointEvent::kind).containsExactly("SENDING", "SENT", "SUPPRESSED");
        assertThat(counted("SENDING")).isZero();
        assertThat(counted("SENT")).isEqualTo(1);
        assertThat(registry.get(TouchpointMetrics.TOUCHPOINTS).tags("outcome", "SUPPRESSED", "reason", "NO_CONSENT", "channel", "sms")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void anOutcomeWhoseEvidenceFailedIsNotCounted() {
        TouchpointEvents events = events(event -> {
            throw new IllegalStateException("ledger unavailable");
        });
        TouchpointEvent.Header header = events.header(JOB, "tp-key", Channel.EMAIL, WELCOME, null);

        assertThatThrownBy(() -> events.publish(new TouchpointEvent.Sent(header, "<m@x>"), Channel.EMAIL))
                .hasMessageContaining("ledger unavailable");
        assertThat(counted("SENT")).isZero();
    }
}
