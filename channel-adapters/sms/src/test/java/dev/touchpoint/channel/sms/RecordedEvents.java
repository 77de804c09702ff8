package dev.touchpoint.channel.sms;

import dev.touchpoint.channel.DeliveryStatusReported;
import dev.touchpoint.channel.SmsKeywordReceived;
import dev.touchpoint.channel.SmsMessageReceived;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;

/** Collects the events the SMS webhooks publish, as the workers' listeners would receive them. */
public class RecordedEvents {

    private final List<Object> events = new CopyOnWriteArrayList<>();
    /** How many more keyword events fail in this listener (as when the consent store or the ledger is down). */
    public final java.util.concurrent.atomic.AtomicInteger failingKeywords = new java.util.concurrent.atomic.AtomicInteger();

    @EventListener
    void on(DeliveryStatusReported event) {
        events.add(event);
    }

    @EventListener
    void on(SmsKeywordReceived event) {
        if (failingKeywords.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("the customer context is unavailable");
        }
        events.add(event);
    }

    @EventListener
    void on(SmsMessageReceived event) {
        events.add(event);
    }

    public <T> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public List<Object> all() {
        return List.copyOf(events);
    }

    public void clear() {
        events.clear();
    }
}
