package dev.touchpoint.campaign.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The launcher's hold on the database lease (ADR-0014, fenced by ADR-0018). Renewed whenever less than half of it is
 * left, which the launcher checks before every claim, so a claim is made with at least half a lease to spare. Every
 * launcher write carries a {@link CampaignRepository.Fence} (holder, epoch, now) and is refused once another launcher
 * has taken the lease. Used by the launcher's round only (not thread-safe).
 */
final class LauncherLease {

    private final CampaignRepository repository;
    private final String holder;
    private final Duration duration;
    private final Clock clock;
    private long epoch = -1;
    private Instant renewAt = Instant.MIN;
    /** From when PENDING rows claimed under an earlier epoch may be reconciled (their create may still be in flight). */
    private Instant othersSettledAt = Instant.MAX;

    LauncherLease(CampaignRepository repository, String holder, Duration duration, Clock clock) {
        this.repository = repository;
        this.holder = holder;
        this.duration = duration;
        this.clock = clock;
    }

    /**
     * Holds the lease, taking or renewing it when less than half is left; false when another launcher holds it.
     *
     * @return whether this launcher holds the lease now
     */
    boolean hold() {
        Instant now = clock.instant();
        if (epoch >= 0 && now.isBefore(renewAt)) {
            return true;
        }
        Optional<CampaignRepository.LeaseGrant> grant = repository.holdLauncherLease(holder, epoch, now, now.plus(duration));
        if (grant.isEmpty()) {
            epoch = -1;
            return false;
        }
        if (grant.get().taken()) {
            // taken from a released lease: its holder had stopped, nothing in flight. Taken from an expired one: its
            // holder may have stalled mid-create; a create it sent has returned (or timed out) a lease later.
            othersSettledAt = grant.get().afterRelease() ? now : now.plus(duration);
        }
        epoch = grant.get().epoch();
        renewAt = now.plus(duration.dividedBy(2));
        return true;
    }

    boolean held() {
        return epoch >= 0;
    }

    long epoch() {
        return epoch;
    }

    /** The condition of a write now. */
    CampaignRepository.Fence fence() {
        if (epoch < 0) {
            throw new CampaignRepository.LeaseLost("the launcher " + holder + " holds no lease");
        }
        return new CampaignRepository.Fence(holder, epoch, clock.instant());
    }

    /**
     * Whether a PENDING row claimed under {@code rowEpoch} may be reconciled now: one of ours, or an earlier holder's
     * once its creates have certainly ended.
     */
    boolean mayReconcile(Long rowEpoch) {
        return rowEpoch != null && rowEpoch == epoch || !clock.instant().isBefore(othersSettledAt);
    }

    /** Another launcher took over (a fenced write was refused). */
    void lost() {
        epoch = -1;
        renewAt = Instant.MIN;
    }

    /** Gives the lease up; only when nothing of this launcher is in flight. */
    void release() {
        if (epoch >= 0) {
            long released = epoch;
            lost();
            repository.releaseLauncherLease(holder, released, clock.instant());
        }
    }
}
