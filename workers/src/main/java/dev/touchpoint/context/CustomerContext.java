package dev.touchpoint.context;

import dev.touchpoint.channel.Channel;

import java.util.List;
import java.util.Optional;

/**
 * A read-only snapshot of everything the context knows about one customer.
 *
 * @param profile     who they are
 * @param consents    the consent in force per channel and purpose
 * @param touchpoints the recent touchpoint ledger, newest first
 * @param offers      the active offer per channel
 * @param presence    the store they are in, if any
 */
public record CustomerContext(
        CustomerProfile profile,
        List<ConsentRecord> consents,
        List<TouchpointRecord> touchpoints,
        List<ConversationOffer> offers,
        Optional<StorePresence> presence) {

    public CustomerContext {
        consents = List.copyOf(consents);
        touchpoints = List.copyOf(touchpoints);
        offers = List.copyOf(offers);
    }

    public Optional<ConsentRecord> consent(Channel channel, Purpose purpose) {
        return consents.stream().filter(c -> c.channel() == channel && c.purpose() == purpose).findFirst();
    }

    public Optional<ConversationOffer> offer(Channel channel) {
        return offers.stream().filter(o -> o.channel() == channel).findFirst();
    }
}
