package dev.touchpoint.ledger.internal;

import dev.touchpoint.ledger.JourneyInstance;

import dev.touchpoint.context.CustomerErased;
import dev.touchpoint.context.ErasureParticipant;
import dev.touchpoint.context.ErasureTally;
import dev.touchpoint.journey.RunningJourneys;
import java.util.List;

/**
 * Erasure of a customer from the process history's instance index: the journeys still running for them (every
 * journey the embedded engine's history saw, whatever started it) are cancelled, then the index forgets whose they
 * were. The entries of the customer's chain stay, sealed by the key destruction that follows.
 */
final class JourneyInstanceErasure implements ErasureParticipant {

    private final LedgerStore store;
    private final RunningJourneys journeys;
    private final java.util.function.Supplier<String> engine;

    JourneyInstanceErasure(LedgerStore store, RunningJourneys journeys, java.util.function.Supplier<String> engine) {
        this.store = store;
        this.journeys = journeys;
        this.engine = engine;
    }

    @Override
    public String name() {
        return "journey-instances";
    }

    @Override
    public void erase(String customerId, CustomerErased.Contacts contacts, ErasureTally tally) {
        List<Long> running = store.journeyInstances(customerId).stream()
                .filter(instance -> instance.endedAt() == null)
                // an instance of an earlier engine incarnation is gone; its key may now name someone else's journey
                .filter(instance -> instance.engine().equals(engine.get()))
                .map(JourneyInstance::processInstanceKey)
                .toList();
        tally.count("journey-instances-cancelled", journeys.cancel(running, "customer erased"));
        tally.count("journey-instance-index-rows", store.forgetCustomerOfJourneyInstances(customerId));
    }
}
