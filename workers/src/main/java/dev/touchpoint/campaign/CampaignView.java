package dev.touchpoint.campaign;

import java.time.Instant;

/**
 * A campaign as the API shows it: definition, state and progress.
 *
 * @param progress entered (instances started), completed (instances finished or cancelled, when the engine's records
 *                 are readable; else null), suppressed (not started: unknown customer or no reachable channel), failed
 *                 (the engine refused), pending (start in flight), remaining (not reached yet; null for filter
 *                 audiences); after a cancel: journeysStopped (running journeys the cancel stopped), journeysToStop
 *                 (started journeys the cancel has not reached yet), journeysNotStopped (the engine refused to cancel)
 */
public record CampaignView(String id, CampaignDefinition definition, boolean uploadedAudience, CampaignState state,
                           String stateReason, Instant createdAt, Instant updatedAt, Progress progress) {

    public record Progress(long entered, Long completed, long suppressed, long failed, long pending, Long remaining,
                           long journeysStopped, long journeysToStop, long journeysNotStopped) {}
}
