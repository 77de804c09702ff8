package dev.touchpoint.channel.kiosk;

import dev.touchpoint.channel.KioskEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.hazelcast.HazelcastAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/**
 * The smallest application hosting the kiosk channel: Spring Boot's web and WebSocket auto-configuration plus the
 * kiosk module's, and a listener that keeps every kiosk event. The Hazelcast instance, when a test wants one, is
 * registered by the test (Boot's own Hazelcast auto-configuration is off).
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = HazelcastAutoConfiguration.class)
public class KioskTestApp {

    @Bean
    KioskEvents kioskEvents() {
        return new KioskEvents();
    }

    /** Every kiosk event this application published. */
    public static class KioskEvents {
        private final List<KioskEvent> events = new CopyOnWriteArrayList<>();
        /** How many more customer actions fail in this listener (as when the ledger or the engine is unavailable). */
        public final java.util.concurrent.atomic.AtomicInteger failingActions = new java.util.concurrent.atomic.AtomicInteger();

        @EventListener
        void on(KioskEvent event) {
            if (event instanceof dev.touchpoint.channel.KioskOfferAccepted && failingActions.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("the evidence ledger is unavailable");
            }
            events.add(event);
        }

        public List<KioskEvent> all() {
            return List.copyOf(events);
        }

        public <T extends KioskEvent> List<T> of(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }

        public void clear() {
            events.clear();
        }
    }
}
