package dev.touchpoint.campaign.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code touchpoint.campaigns.*}.
 *
 * @param launcherEnabled whether this application instance may run the launcher loop; of all instances that may,
 *                        the one holding the database lease launches and the others stand by (ADR-0014)
 * @param pageSize        audience rows read per query, and at most per campaign in one launcher round (a round must
 *                        not outlive the lease, ADR-0018)
 * @param leaseDuration   how long the launcher lease lasts without renewal: how soon a standby takes over from a
 *                        launcher that died (renewed when half is spent, checked before every claim); also how long a
 *                        new holder waits before it settles starts an expired holder had in flight
 */
@ConfigurationProperties("touchpoint.campaigns")
public record CampaignProperties(@DefaultValue("500ms") Duration pollInterval, @DefaultValue("200") double maxThrottle,
                                 @DefaultValue("500") int pageSize, @DefaultValue("true") boolean launcherEnabled,
                                 @DefaultValue("15s") Duration leaseDuration) {}
