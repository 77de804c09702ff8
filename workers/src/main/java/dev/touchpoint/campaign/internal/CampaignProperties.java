package dev.touchpoint.campaign.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code touchpoint.campaigns.*}.
 *
 * @param launcherEnabled whether this application instance may run the launcher loop; of all instances that may,
 *                        the one holding the database lease launches and the others stand by (ADR-0014)
 * @param leaseDuration   how long the launcher lease lasts without renewal: how soon a standby takes over from a
 *                        launcher that died (renewed at half of it)
 */
@ConfigurationProperties("touchpoint.campaigns")
public record CampaignProperties(@DefaultValue("500ms") Duration pollInterval, @DefaultValue("200") double maxThrottle,
                                 @DefaultValue("500") int pageSize, @DefaultValue("true") boolean launcherEnabled,
                                 @DefaultValue("15s") Duration leaseDuration) {}
