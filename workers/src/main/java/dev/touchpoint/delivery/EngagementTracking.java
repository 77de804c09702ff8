package dev.touchpoint.delivery;

import dev.touchpoint.channel.RenderedContent;

/**
 * Adds engagement tracking to a message after it was rendered and before it goes to its adapter (for email: signed
 * click links and the open pixel, see {@code dev.touchpoint.ingress.EmailEngagementTracking}). The ledger's content
 * fingerprint is that of the rendered template, before tracking: tracking tokens differ per message by design.
 */
@FunctionalInterface
public interface EngagementTracking {

    /** No tracking: the content goes out as rendered. */
    EngagementTracking NONE = (content, customerId, touchpointKey) -> content;

    /**
     * @param content       what the brand design system rendered, in the adapter's type
     * @param customerId    the customer it goes to
     * @param touchpointKey the touchpoint's idempotency key (the ledger's key for this send)
     * @return the content to send (the same instance when there is nothing to track)
     */
    RenderedContent track(RenderedContent content, String customerId, String touchpointKey);
}
