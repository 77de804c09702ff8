package dev.touchpoint.campaign.internal;

import dev.touchpoint.context.CustomerErased;
import dev.touchpoint.context.ErasureParticipant;
import dev.touchpoint.context.ErasureTally;
import dev.touchpoint.journey.RunningJourneys;

/**
 * Erasure of a customer from the campaigns: the journeys campaigns started for them are cancelled, then their
 * audience and start rows go (a campaign's counts no longer include them).
 */
final class CampaignErasure implements ErasureParticipant {

    private final CampaignRepository repository;
    private final RunningJourneys journeys;

    CampaignErasure(CampaignRepository repository, RunningJourneys journeys) {
        this.repository = repository;
        this.journeys = journeys;
    }

    @Override
    public String name() {
        return "campaigns";
    }

    @Override
    public void erase(String customerId, CustomerErased.Contacts contacts, ErasureTally tally) {
        tally.count("journey-instances-cancelled", journeys.cancel(repository.instancesOf(customerId), "customer erased"));
        int[] rows = repository.eraseCustomer(customerId);
        tally.count("campaign-audience-rows", rows[0]);
        tally.count("campaign-start-rows", rows[1]);
    }
}
