package dev.touchpoint.campaign.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code touchpoint.campaigns.*}.
 *
 * @param launcherEnabled whether this application instance runs the launcher loop (run it on ONE instance of a
 *                        cluster: the claim table prevents double starts anyway, but throttles are per instance)
 */
@ConfigurationProperties("touchpoint.campaigns")
public record CampaignProperties(@DefaultValue("500ms") Duration pollInterval, @DefaultValue("200") double maxThrottle,
                                 @DefaultValue("500") int pageSize, @DefaultValue("true") boolean launcherEnabled) {}
