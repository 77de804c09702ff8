package dev.touchpoint.broker;

import dev.touchpoint.channel.Channel;
import dev.touchpoint.channel.ChannelAdapter;
import dev.touchpoint.channel.DeliveryReceipt;
import dev.touchpoint.channel.OutboundMessage;
import dev.touchpoint.channel.PriorAttempt;
import dev.touchpoint.delivery.TouchpointEvent;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * In the Touchpoint process of {@link ExactlyOnceUnderKillsBrokerIT}: stops the pipeline dead at one chosen point so
 * the test can SIGKILL the process exactly there. {@code -Dtouchpoint.kill.at=<POINT>:<n>} pauses the n-th touchpoint
 * that reaches POINT, after printing {@code PAUSED-AT <POINT> <idempotency key>}:
 * <ul>
 *   <li>{@code DECIDED}: decided and reserved, SENDING not yet recorded;</li>
 *   <li>{@code STARTED}: SENDING (DELIVERY_ATTEMPT STARTED) committed, the relay not yet called;</li>
 *   <li>{@code ACCEPTED}: the relay accepted the email, SENT not yet recorded;</li>
 *   <li>{@code RECORDED}: SENT committed, the job not yet completed.</li>
 * </ul>
 */
public class KillSwitch implements BeanPostProcessor {

    public enum Point { DECIDED, STARTED, ACCEPTED, RECORDED }

    private final Point point;
    private final int nth;
    private final AtomicInteger reached = new AtomicInteger();

    public KillSwitch() {
        String at = System.getProperty("touchpoint.kill.at", "");
        if (at.isBlank()) {
            point = null;
            nth = 0;
        } else {
            String[] parts = at.split(":");
            point = Point.valueOf(parts[0].toUpperCase(Locale.ROOT));
            nth = Integer.parseInt(parts[1]);
        }
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public void beforeEvidence(TouchpointEvent event) {
        if (event instanceof TouchpointEvent.Sending sending) {
            reach(Point.DECIDED, sending.header().idempotencyKey());
        }
    }

    @EventListener
    @Order(Ordered.LOWEST_PRECEDENCE)
    public void afterEvidence(TouchpointEvent event) {
        if (event instanceof TouchpointEvent.Sent sent) {
            reach(Point.RECORDED, sent.header().idempotencyKey());
        }
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof ChannelAdapter adapter && adapter.channel() == Channel.EMAIL) {
            return new ChannelAdapter() {
                @Override
                public Channel channel() {
                    return adapter.channel();
                }

                @Override
                public DeliveryReceipt send(OutboundMessage message) {
                    reach(Point.STARTED, message.idempotencyKey());
                    DeliveryReceipt receipt = adapter.send(message);
                    reach(Point.ACCEPTED, message.idempotencyKey());
                    return receipt;
                }

                @Override
                public PriorAttempt priorAttempt(OutboundMessage message) {
                    return adapter.priorAttempt(message);
                }
            };
        }
        return bean;
    }

    private void reach(Point at, String key) {
        if (at != point || reached.incrementAndGet() != nth) {
            return;
        }
        System.out.println("PAUSED-AT " + at + " " + key);
        System.out.flush();
        while (true) { // until the test kills this process
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // keep still: the kill is what ends this
            }
        }
    }
}
