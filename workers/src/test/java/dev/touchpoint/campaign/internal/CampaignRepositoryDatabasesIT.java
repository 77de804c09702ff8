package dev.touchpoint.campaign.internal;

import dev.touchpoint.campaign.Campaigns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoint.campaign.CampaignDefinition;
import dev.touchpoint.campaign.CampaignState;
import dev.touchpoint.ledger.LedgerDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The campaign SQL of V10-V13 on both databases the application supports (H2, the embedded default, and PostgreSQL,
 * on an embedded server on loopback): the fenced lease, fenced writes, audience paging by upload position.
 */
class CampaignRepositoryDatabasesIT {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(15);

    private static CampaignRepository repository(LedgerDatabases.Kind kind) {
        return new CampaignRepository(new JdbcTemplate(LedgerDatabases.create(kind).dataSource()), new ObjectMapper());
    }

    private static String campaign(CampaignRepository repository, String id) {
        repository.insert(id, new CampaignDefinition("Test", "campaign-probe", null, Map.of("offerCode", "X"), null, null, null, 5),
                "test", T0);
        return id;
    }

    @ParameterizedTest
    @EnumSource(LedgerDatabases.Kind.class)
    void theLeaseChangesHandsOnlyWhenReleasedOrExpiredAndEveryChangeIsANewEpoch(LedgerDatabases.Kind kind) {
        CampaignRepository repository = repository(kind);
        var a = repository.holdLauncherLease("a", -1, T0, T0.plus(LEASE)).orElseThrow();
        assertThat(a.taken()).isTrue();
        assertThat(a.afterRelease()).as("the row starts released").isTrue();
        assertThat(repository.holdLauncherLease("b", -1, T0.plusSeconds(1), T0.plusSeconds(16))).as("a holds it").isEmpty();
        assertThat(repository.holdLauncherLease("a", a.epoch(), T0.plusSeconds(8), T0.plusSeconds(23)))
                .hasValueSatisfying(renewed -> {
                    assertThat(renewed.epoch()).isEqualTo(a.epoch());
                    assertThat(renewed.taken()).isFalse();
                });
        assertThat(repository.holdLauncherLease("b", -1, T0.plusSeconds(20), T0.plusSeconds(35))).as("renewed until 23").isEmpty();

        var b = repository.holdLauncherLease("b", -1, T0.plusSeconds(24), T0.plusSeconds(39)).orElseThrow();
        assertThat(b.epoch()).isEqualTo(a.epoch() + 1);
        assertThat(b.afterRelease()).as("taken from an expired lease").isFalse();
        assertThat(repository.holdLauncherLease("a", a.epoch(), T0.plusSeconds(25), T0.plusSeconds(40))).as("a's epoch is gone").isEmpty();
        assertThat(repository.fenceHolds(new CampaignRepository.Fence("a", a.epoch(), T0.plusSeconds(25)))).isFalse();
        assertThat(repository.fenceHolds(new CampaignRepository.Fence("b", b.epoch(), T0.plusSeconds(25)))).isTrue();
        assertThat(repository.fenceHolds(new CampaignRepository.Fence("b", b.epoch(), T0.plusSeconds(39)))).as("expired").isFalse();

        repository.releaseLauncherLease("b", b.epoch(), T0.plusSeconds(26));
        assertThat(repository.launcherLeaseRow().orElseThrow().holder()).isEqualTo(CampaignRepository.FREE);
        // released: free at once, whatever the clock of the next launcher says
        var c = repository.holdLauncherLease("c", -1, T0, T0.plus(LEASE)).orElseThrow();
        assertThat(c.epoch()).isEqualTo(b.epoch() + 1);
        assertThat(c.afterRelease()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(LedgerDatabases.Kind.class)
    void writesUnderAFenceAreRefusedOnceTheLeaseChangedHands(LedgerDatabases.Kind kind) {
        CampaignRepository repository = repository(kind);
        String id = campaign(repository, "cmp-fenced");
        repository.transition(id, List.of(CampaignState.DRAFT), CampaignState.RUNNING, "launched", T0);
        long epoch = repository.holdLauncherLease("a", -1, T0, T0.plus(LEASE)).orElseThrow().epoch();
        var fence = new CampaignRepository.Fence("a", epoch, T0.plusSeconds(1));

        assertThat(repository.claim(fence, id, "c-1", Campaigns.StartState.PENDING, null)).isTrue();
        assertThat(repository.claim(fence, id, "c-1", Campaigns.StartState.PENDING, null)).as("once").isFalse();
        assertThat(repository.claim(fence, id, "c-2", Campaigns.StartState.SUPPRESSED, "NO_CONSENT")).isTrue();
        assertThat(repository.claim(fence, id, "c-3", Campaigns.StartState.PENDING, null)).isTrue();
        assertThat(repository.pendingStarts(id)).containsExactly(new CampaignRepository.Pending("c-1", epoch),
                new CampaignRepository.Pending("c-3", epoch));

        // b takes the expired lease; a's writes are refused and change nothing
        long taken = repository.holdLauncherLease("b", -1, T0.plusSeconds(16), T0.plusSeconds(31)).orElseThrow().epoch();
        var stale = new CampaignRepository.Fence("a", epoch, T0.plusSeconds(16));
        assertThatThrownBy(() -> repository.claim(stale, id, "c-4", Campaigns.StartState.PENDING, null))
                .isInstanceOf(CampaignRepository.LeaseLost.class);
        assertThatThrownBy(() -> repository.markFailed(stale, id, "c-1", "engine: INTERNAL")).isInstanceOf(CampaignRepository.LeaseLost.class);
        assertThatThrownBy(() -> repository.unclaim(stale, id, "c-3")).isInstanceOf(CampaignRepository.LeaseLost.class);
        assertThatThrownBy(() -> repository.reclaim(stale, id, "c-3")).isInstanceOf(CampaignRepository.LeaseLost.class);
        assertThatThrownBy(() -> repository.transition(stale, id, List.of(CampaignState.RUNNING), CampaignState.COMPLETED, "done"))
                .isInstanceOf(CampaignRepository.LeaseLost.class);
        assertThat(repository.counts(id)).containsEntry(Campaigns.StartState.PENDING, 2L)
                .containsEntry(Campaigns.StartState.FAILED, 0L);
        assertThat(repository.find(id).orElseThrow().state()).isEqualTo(CampaignState.RUNNING);

        // an instance a's create returned is recorded all the same: it exists
        assertThat(repository.markStarted(id, "c-1", 4711L, T0.plusSeconds(16))).isTrue();
        // b settles c-3 under its own epoch
        var current = new CampaignRepository.Fence("b", taken, T0.plusSeconds(17));
        assertThat(repository.reclaim(current, id, "c-3")).isTrue();
        assertThat(repository.pendingStarts(id)).containsExactly(new CampaignRepository.Pending("c-3", taken));
        assertThat(repository.reclaim(current, id, "c-1")).as("no longer PENDING").isFalse();
        repository.markFailed(current, id, "c-3", "outcome unknown");
        assertThat(repository.markStarted(id, "c-3", 4712L, T0.plusSeconds(18))).as("a FAILED 'outcome unknown' row learns the truth").isTrue();
        assertThat(repository.startedKeys(id)).containsExactlyInAnyOrder(4711L, 4712L);
        assertThat(repository.transition(current, id, List.of(CampaignState.RUNNING), CampaignState.COMPLETED, "audience done")).isTrue();
        assertThat(repository.transition(current, id, List.of(CampaignState.RUNNING), CampaignState.COMPLETED, "again")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(LedgerDatabases.Kind.class)
    void aCancelledCampaignListsTheJourneysLeftToStopUntilEachIsRecorded(LedgerDatabases.Kind kind) {
        CampaignRepository repository = repository(kind);
        String id = campaign(repository, "cmp-cancel");
        repository.transition(id, List.of(CampaignState.DRAFT), CampaignState.RUNNING, "launched", T0);
        long epoch = repository.holdLauncherLease("a", -1, T0, T0.plus(LEASE)).orElseThrow().epoch();
        var fence = new CampaignRepository.Fence("a", epoch, T0.plusSeconds(1));
        for (String customer : List.of("c-1", "c-2", "c-3")) {
            repository.claim(fence, id, customer, Campaigns.StartState.PENDING, null);
        }
        repository.markStarted(id, "c-1", 101L, T0);
        repository.markStarted(id, "c-2", 102L, T0);
        assertThat(repository.cancelledWithWorkLeft()).isEmpty();
        assertThat(repository.progress(repository.find(id).orElseThrow(), java.util.Optional.empty()).journeysToStop())
                .as("nothing to stop while RUNNING").isZero();

        repository.transition(id, List.of(CampaignState.RUNNING), CampaignState.CANCELLED, "cancelled", T0);
        assertThat(repository.cancelledWithWorkLeft()).extracting(CampaignRepository.Campaign::id).containsExactly(id);
        assertThat(repository.journeysToStop(id, 10)).containsExactly(new CampaignRepository.StartedJourney("c-1", 101L),
                new CampaignRepository.StartedJourney("c-2", 102L));
        assertThat(repository.markJourneyStopped(fence, id, "c-1", CampaignRepository.JourneyStop.CANCELLED, null)).isTrue();
        assertThat(repository.markJourneyStopped(fence, id, "c-1", CampaignRepository.JourneyStop.ENDED, null)).as("once").isFalse();
        assertThat(repository.markJourneyStopped(fence, id, "c-2", CampaignRepository.JourneyStop.FAILED, "cancel refused by the engine: INTERNAL"))
                .isTrue();
        assertThat(repository.journeysToStop(id, 10)).isEmpty();
        var progress = repository.progress(repository.find(id).orElseThrow(), java.util.Optional.empty());
        assertThat(progress.journeysStopped()).isEqualTo(1);
        assertThat(progress.journeysNotStopped()).isEqualTo(1);
        assertThat(progress.journeysToStop()).isZero();
        assertThat(repository.cancelledWithWorkLeft()).as("c-3 is still PENDING").hasSize(1);
        repository.unclaim(fence, id, "c-3");
        assertThat(repository.cancelledWithWorkLeft()).isEmpty();

        long taken = repository.holdLauncherLease("b", -1, T0.plusSeconds(16), T0.plusSeconds(31)).orElseThrow().epoch();
        assertThat(taken).isEqualTo(epoch + 1);
        assertThatThrownBy(() -> repository.markJourneyStopped(new CampaignRepository.Fence("a", epoch, T0.plusSeconds(16)), id, "c-1",
                CampaignRepository.JourneyStop.ENDED, null)).isInstanceOf(CampaignRepository.LeaseLost.class);
    }

    @ParameterizedTest
    @EnumSource(LedgerDatabases.Kind.class)
    void anUploadedAudienceIsPagedInUploadOrderLeavingOutWhoeverHasAStartRow(LedgerDatabases.Kind kind) {
        CampaignRepository repository = repository(kind);
        String id = campaign(repository, "cmp-upload");
        assertThat(repository.addAudience(id, List.of("m-2", "m-1", "z-9", "m-2"))).isEqualTo(3);
        long epoch = repository.holdLauncherLease("a", -1, T0, T0.plus(LEASE)).orElseThrow().epoch();
        var fence = new CampaignRepository.Fence("a", epoch, T0);
        repository.transition(id, List.of(CampaignState.DRAFT), CampaignState.RUNNING, "launched", T0);
        repository.claim(fence, id, "m-2", Campaigns.StartState.PENDING, null);
        repository.claim(fence, id, "m-1", Campaigns.StartState.SUPPRESSED, "NO_CONSENT");
        repository.transition(id, List.of(CampaignState.RUNNING), CampaignState.PAUSED, "paused", T0);
        assertThat(repository.addAudience(id, List.of("a-0", "m-1"))).isEqualTo(1);

        assertThat(repository.unreached(id, 0, 10)).extracting(CampaignRepository.AudienceEntry::customerId).containsExactly("z-9", "a-0");
        assertThat(repository.unreached(id, 3, 10)).extracting(CampaignRepository.AudienceEntry::customerId).containsExactly("a-0");
        assertThat(repository.unreached(id, 0, 1)).extracting(CampaignRepository.AudienceEntry::position).containsExactly(3L);
        assertThat(repository.unreachedCount(id)).isEqualTo(2);

        repository.transition(id, List.of(CampaignState.PAUSED), CampaignState.RUNNING, "resumed", T0);
        assertThatThrownBy(() -> repository.addAudience(id, List.of("late-1"))).isInstanceOf(IllegalStateException.class);
        assertThat(repository.unreachedCount(id)).isEqualTo(2);
    }
}
