package dev.touchpoint.delivery.internal;

import dev.touchpoint.channel.CustomerDataEraser;
import dev.touchpoint.context.CustomerErased;
import dev.touchpoint.context.ErasureParticipant;
import dev.touchpoint.context.ErasureTally;
import java.util.List;

/**
 * Erasure of what the channel adapters keep of a customer outside the context: the sandbox providers' recorded
 * messages (by address) and the kiosk screens showing them.
 */
final class AdapterDataErasure implements ErasureParticipant {

    private final List<CustomerDataEraser> erasers;

    AdapterDataErasure(List<CustomerDataEraser> erasers) {
        this.erasers = List.copyOf(erasers);
    }

    @Override
    public String name() {
        return "channel-adapters";
    }

    @Override
    public void erase(String customerId, CustomerErased.Contacts contacts, ErasureTally tally) {
        for (CustomerDataEraser eraser : erasers) {
            tally.count(eraser.name(), eraser.eraseCustomer(customerId, contacts.all()));
        }
    }
}
