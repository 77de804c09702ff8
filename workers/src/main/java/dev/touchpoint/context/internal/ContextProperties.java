package dev.touchpoint.context.internal;

import dev.touchpoint.channel.Masked;
import dev.touchpoint.context.ConsentPolicy;
import dev.touchpoint.context.ContactBudgetPolicy;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.DecisionPolicy;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.context.QuietHours;
import dev.touchpoint.context.QuietHoursPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code touchpoint.context.*}: the customer context's settings. Defaults are the embedded single-member set-up; see
 * config/application.yaml and docs/operator-guide.md.
 */
@ConfigurationProperties("touchpoint.context")
public record ContextProperties(
        @DefaultValue Hazelcast hazelcast,
        @DefaultValue Consent consent,
        @DefaultValue Budget budget,
        @DefaultValue QuietHoursSettings quietHours,
        @DefaultValue Decision decision,
        @DefaultValue Samples samples,
        @DefaultValue Suppression suppression) {

    /** {@code touchpoint.context.hazelcast.*}, see {@link HazelcastSettings}. */
    public record Hazelcast(
            @DefaultValue("member") HazelcastSettings.Mode mode,
            String config,
            String clientConfig,
            String clusterName,
            Integer port,
            List<String> members,
            @DefaultValue("1") int backupCount,
            @DefaultValue("1") int splitBrainMinimumSize,
            @DefaultValue("30d") Duration contextMaxIdle,
            @DefaultValue("true") boolean preload,
            @DefaultValue("false") boolean contextStoreInline) {

        public HazelcastSettings settings() {
            return new HazelcastSettings(mode, config, clientConfig, clusterName, port, members, backupCount,
                    splitBrainMinimumSize, contextMaxIdle, preload, contextStoreInline);
        }
    }

    /** {@code touchpoint.context.consent.*}, see {@link ConsentPolicy}. */
    public record Consent(
            @DefaultValue("true") boolean marketingRequiresOptIn,
            @DefaultValue("false") boolean transactionalHonoursMarketingOptOut,
            @DefaultValue({"MARKETING", "TRANSACTIONAL"}) Set<Purpose> smsStopWithdraws,
            @DefaultValue("5m") Duration maxFutureSkew) {
    }

    /** {@code touchpoint.context.budget.*}, see {@link ContactBudgetPolicy}. */
    public record Budget(
            @DefaultValue("3") int marketingPerDay,
            @DefaultValue("6") int marketingPerWeek,
            Map<Channel, Integer> marketingPerChannelPerDay,
            @DefaultValue("0") int transactionalPerDay,
            @DefaultValue("30d") java.time.Duration surveyWindow) {
    }

    /** {@code touchpoint.context.quiet-hours.*}, see {@link QuietHoursPolicy}. */
    public record QuietHoursSettings(
            @DefaultValue("21:00-08:00") String window,
            Map<Channel, String> channels,
            @DefaultValue("false") boolean includeTransactional) {
    }

    /** {@code touchpoint.context.decision.*}, see {@link DecisionPolicy}. */
    public record Decision(
            @DefaultValue("UTC") ZoneId defaultTimeZone,
            @DefaultValue("7d") Duration idempotencyRetention,
            @DefaultValue("200") int ledgerMaxEntries,
            @DefaultValue("4h") Duration presenceTtl) {
    }

    /**
     * {@code touchpoint.context.samples.*}: sample customers loaded at the first start (when the database holds no
     * customer yet).
     */
    public record Samples(@DefaultValue("false") boolean enabled, String location) {
    }

    /**
     * {@code touchpoint.context.suppression.*}: the key of the suppression list's hashes (ADR-0005). {@code secret}
     * (env {@code TOUCHPOINT_SUPPRESSION_SECRET}, at least 16 bytes, the same on every instance); without it the file
     * {@code secret-file} is used, generated at the first start when {@code generate-missing} (the embedded default;
     * the cluster profile refuses to start instead). Losing the secret makes the list forget every address.
     */
    public record Suppression(String secret, String secretFile, @DefaultValue("true") boolean generateMissing) {

        @Override
        public String toString() {
            return "Suppression[secret=" + Masked.secret(secret) + ", secretFile=" + secretFile + ", generateMissing="
                    + generateMissing + "]";
        }
    }

    /** The decision policy these settings describe. */
    public DecisionPolicy policy() {
        ContactBudgetPolicy budgetPolicy = new ContactBudgetPolicy(budget.marketingPerDay(), budget.marketingPerWeek(),
                budget.marketingPerChannelPerDay() == null ? ContactBudgetPolicy.DEFAULT.marketingPerChannelPerDay()
                        : budget.marketingPerChannelPerDay(), budget.transactionalPerDay(), budget.surveyWindow());
        Map<Channel, QuietHours> channels = new EnumMap<>(Channel.class);
        if (quietHours.channels() == null) {
            channels.putAll(QuietHoursPolicy.DEFAULT.channels());
        } else {
            quietHours.channels().forEach((channel, window) -> channels.put(channel, QuietHours.parse(window)));
        }
        QuietHoursPolicy quiet = new QuietHoursPolicy(QuietHours.parse(quietHours.window()), channels, quietHours.includeTransactional());
        ConsentPolicy consentPolicy = new ConsentPolicy(consent.marketingRequiresOptIn(),
                consent.transactionalHonoursMarketingOptOut(), consent.smsStopWithdraws());
        return new DecisionPolicy(consentPolicy, budgetPolicy, quiet, decision.defaultTimeZone(),
                decision.idempotencyRetention(), decision.ledgerMaxEntries(), decision.presenceTtl());
    }
}
