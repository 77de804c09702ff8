package dev.touchpoint.channel.kiosk;

import dev.touchpoint.channel.Channel;
import dev.touchpoint.channel.ChannelAdapter;
import dev.touchpoint.channel.DeliveryFailure;
import dev.touchpoint.channel.DeliveryReceipt;
import dev.touchpoint.channel.DeliveryStatus;
import dev.touchpoint.channel.FailureReason;
import dev.touchpoint.channel.IdempotencyGuard;
import dev.touchpoint.channel.KioskContent;
import dev.touchpoint.channel.KioskTarget;
import dev.touchpoint.channel.OutboundMessage;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers kiosk screens to in-store kiosk browsers through the {@link KioskHub}. The recipient is a
 * {@link KioskTarget} ({@code store/kiosk}, {@code store} or {@code store#zone}); the content a {@link KioskContent}.
 *
 * <p>A send returns only when the kiosk page confirmed that it shows the screen: the receipt's status is
 * {@link DeliveryStatus#DELIVERED} and its provider message id ({@code storeId/kioskId/uuid}) names the kiosk that
 * displayed it and is the id every later {@link dev.touchpoint.channel.KioskEvent} of the screen carries. Otherwise
 * the failure says why, in terms a journey can branch on ({@code vendorCode} for operators):
 * <table>
 *   <caption>kiosk failures</caption>
 *   <tr><th>vendorCode</th><th>kind</th><th>reason</th><th>when</th></tr>
 *   <tr><td>{@value #KIOSK_OFFLINE}</td><td>PERMANENT</td><td>UNREACHABLE</td><td>the kiosk is not connected</td></tr>
 *   <tr><td>{@value #STORE_OFFLINE}</td><td>PERMANENT</td><td>UNREACHABLE</td><td>no kiosk of the store is
 *       connected</td></tr>
 *   <tr><td>{@value #KIOSK_NO_ACK}</td><td>PERMANENT</td><td>UNREACHABLE</td><td>the page did not confirm within the
 *       ack timeout</td></tr>
 *   <tr><td>{@value #KIOSK_DISCONNECTED}</td><td>PERMANENT</td><td>UNREACHABLE</td><td>the kiosk went away before
 *       confirming</td></tr>
 *   <tr><td>{@value #KIOSK_BUSY}</td><td>RETRYABLE</td><td>VENDOR_UNAVAILABLE</td><td>it shows another customer's
 *       screen, or a customer is using it; {@code retryAfter} says how long</td></tr>
 *   <tr><td>{@value #INSTANCE_SILENT}</td><td>RETRYABLE</td><td>TIMEOUT</td><td>the app instance holding the kiosk
 *       did not answer (it may have died; its kiosks reconnect elsewhere)</td></tr>
 *   <tr><td>{@value #ROUTE_KEY_MISMATCH}</td><td>MISCONFIGURED</td><td>AUTHENTICATION_FAILED</td><td>that instance
 *       has another {@code touchpoint.channels.kiosk.secret}</td></tr>
 *   <tr><td>{@value #KIOSK_ADDRESS}</td><td>PERMANENT</td><td>INVALID_ADDRESS</td><td>the recipient is not a kiosk
 *       target</td></tr>
 * </table>
 * A PERMANENT kiosk failure is the journey's cue to fall back to push or SMS ({@code TOUCHPOINT_UNREACHABLE}).
 */
public final class WebSocketKioskAdapter implements ChannelAdapter {

    public static final String KIOSK_OFFLINE = "KIOSK_OFFLINE";
    public static final String STORE_OFFLINE = "STORE_OFFLINE";
    public static final String KIOSK_NO_ACK = "KIOSK_NO_ACK";
    public static final String KIOSK_DISCONNECTED = "KIOSK_DISCONNECTED";
    public static final String KIOSK_BUSY = "KIOSK_BUSY";
    public static final String INSTANCE_SILENT = "INSTANCE_SILENT";
    public static final String ROUTE_KEY_MISMATCH = "ROUTE_KEY_MISMATCH";
    public static final String KIOSK_ADDRESS = "KIOSK_ADDRESS";

    private static final Logger log = LoggerFactory.getLogger(WebSocketKioskAdapter.class);

    private final KioskHub hub;
    private final IdempotencyGuard guard;

    public WebSocketKioskAdapter(KioskHub hub, IdempotencyGuard guard) {
        this.hub = Objects.requireNonNull(hub, "hub");
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    @Override
    public Channel channel() {
        return Channel.KIOSK;
    }

    @Override
    public DeliveryReceipt send(OutboundMessage message) {
        KioskContent content = message.contentAs(KioskContent.class, Channel.KIOSK);
        KioskTarget target;
        try {
            target = KioskTarget.parse(message.recipient());
        } catch (IllegalArgumentException e) {
            throw DeliveryFailure.permanent(Channel.KIOSK, FailureReason.INVALID_ADDRESS).vendorCode(KIOSK_ADDRESS)
                    .vendorMessage("the recipient is not store/kiosk, store or store#zone")
                    .idempotencyKey(message.idempotencyKey()).build();
        }
        return guard.deliverOnce(message.idempotencyKey(), () -> deliver(message, target, content));
    }

    private DeliveryReceipt deliver(OutboundMessage message, KioskTarget target, KioskContent content) {
        long started = System.nanoTime();
        KioskHub.Outcome outcome = hub.display(message.idempotencyKey(), message.customerId(), target, content);
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (outcome.result() == KioskHub.Result.DISPLAYED) {
            log.info("Kiosk screen displayed: customer={} idempotencyKey={} kiosk={} id={} in {} ms",
                    message.customerId(), message.idempotencyKey(), outcome.kiosk(), outcome.deliveryId(), millis);
            return new DeliveryReceipt(Channel.KIOSK, outcome.deliveryId(), outcome.at(), DeliveryStatus.DELIVERED);
        }
        DeliveryFailure failure = failure(outcome, target).idempotencyKey(message.idempotencyKey()).build();
        log.warn("Kiosk screen not displayed: customer={} idempotencyKey={} target={} kiosk={} kind={} code={} "
                + "after {} ms", message.customerId(), message.idempotencyKey(), target, outcome.kiosk(),
                failure.kind(), failure.vendorCode(), millis);
        throw failure;
    }

    private static DeliveryFailure.Builder failure(KioskHub.Outcome outcome, KioskTarget target) {
        return switch (outcome.result()) {
            case OFFLINE -> target.isSpecificKiosk() || outcome.kiosk() != null
                    ? unreachable(KIOSK_OFFLINE, "the kiosk is not connected")
                    : unreachable(STORE_OFFLINE, "no kiosk of the store is connected");
            case NO_ACK -> unreachable(KIOSK_NO_ACK, "the kiosk did not confirm the screen in time");
            case DISCONNECTED -> unreachable(KIOSK_DISCONNECTED, "the kiosk disconnected before showing the screen");
            case BUSY -> DeliveryFailure.retryable(Channel.KIOSK, FailureReason.VENDOR_UNAVAILABLE)
                    .vendorCode(KIOSK_BUSY).vendorMessage("the kiosk shows another customer's screen")
                    .retryAfter(outcome.retryAfter());
            case INSTANCE_SILENT -> DeliveryFailure.retryable(Channel.KIOSK, FailureReason.TIMEOUT)
                    .vendorCode(INSTANCE_SILENT)
                    .vendorMessage("the app instance holding the kiosk's connection did not answer");
            case KEY_MISMATCH -> DeliveryFailure.misconfigured(Channel.KIOSK, FailureReason.AUTHENTICATION_FAILED)
                    .vendorCode(ROUTE_KEY_MISMATCH).vendorMessage("the app instance holding the kiosk's connection "
                            + "has another touchpoint.channels.kiosk.secret");
            case DISPLAYED -> throw new IllegalStateException("a displayed screen is not a failure");
        };
    }

    private static DeliveryFailure.Builder unreachable(String code, String text) {
        return DeliveryFailure.permanent(Channel.KIOSK, FailureReason.UNREACHABLE).vendorCode(code)
                .vendorMessage(text);
    }
}
