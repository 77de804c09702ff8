package dev.touchpoint.context.internal;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import dev.touchpoint.context.ChannelPreferences;
import dev.touchpoint.context.ConsentChange;
import dev.touchpoint.context.ConsentPolicy;
import dev.touchpoint.context.ConsentRecord;
import dev.touchpoint.context.ConsentSource;
import dev.touchpoint.context.ConsentStatus;
import dev.touchpoint.context.ConsentUpdate;
import dev.touchpoint.context.ContactBudgetPolicy;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.ConversationOffer;
import dev.touchpoint.context.CustomerProfile;
import dev.touchpoint.context.DecisionPolicy;
import dev.touchpoint.context.DeferralReason;
import dev.touchpoint.context.Priority;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.context.QuietHours;
import dev.touchpoint.context.QuietHoursPolicy;
import dev.touchpoint.context.ReservationId;
import dev.touchpoint.context.SmsKeyword;
import dev.touchpoint.context.StorePresence;
import dev.touchpoint.context.SuppressionReason;
import dev.touchpoint.context.TouchpointDecision;
import dev.touchpoint.context.TouchpointRecord;
import dev.touchpoint.context.TouchpointRequest;
import dev.touchpoint.context.TouchpointStatus;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static dev.touchpoint.context.internal.CompactFields.bool;
import static dev.touchpoint.context.internal.CompactFields.compact;
import static dev.touchpoint.context.internal.CompactFields.compacts;
import static dev.touchpoint.context.internal.CompactFields.duration;
import static dev.touchpoint.context.internal.CompactFields.enumValue;
import static dev.touchpoint.context.internal.CompactFields.instant;
import static dev.touchpoint.context.internal.CompactFields.int32;
import static dev.touchpoint.context.internal.CompactFields.ints;
import static dev.touchpoint.context.internal.CompactFields.name;
import static dev.touchpoint.context.internal.CompactFields.string;
import static dev.touchpoint.context.internal.CompactFields.strings;

/**
 * Explicit Compact serializers of everything the customer context puts into Hazelcast: map values, entry processors
 * and their results. Type names are stable ({@code touchpoint.context.*}) and independent of Java class names; fields
 * are only ever added (readers default missing ones, see {@link CompactFields}), never renamed or re-typed. Members
 * and clients must register the same list ({@link #all()}).
 */
public final class ContextSerializers {

    private static final String PREFIX = "touchpoint.context.";

    private ContextSerializers() {
    }

    /** Every serializer of the customer context, for member and client configuration. */
    public static List<CompactSerializer<?>> all() {
        return List.of(new ProfileSerializer(), new ConsentRecordSerializer(), new TouchpointRecordSerializer(),
                new OfferSerializer(), new StateSerializer(), new RequestSerializer(), new FactsSerializer(),
                new PolicySerializer(), new ConsentChangeSerializer(), new ConsentUpdateSerializer(),
                new SendSerializer(), new SuppressSerializer(), new DeferSerializer(), new DecideProcessorSerializer(),
                new ReservationProcessorSerializer(), new ConsentProcessorSerializer(),
                new ConversationProcessorSerializer(), new ReplaceStateBackupSerializer());
    }

    static final class ProfileSerializer implements CompactSerializer<CustomerProfile> {
        @Override
        public CustomerProfile read(CompactReader in) {
            String[] attributeNames = strings(in, "attributeNames");
            String[] attributeValues = strings(in, "attributeValues");
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i = 0; i < Math.min(attributeNames.length, attributeValues.length); i++) {
                attributes.put(attributeNames[i], attributeValues[i]);
            }
            String locale = string(in, "locale");
            String zone = string(in, "timeZone");
            List<Channel> preferred = Arrays.stream(strings(in, "preferredChannels")).map(Channel::parse).toList();
            return new CustomerProfile(string(in, "id"), string(in, "givenName"), string(in, "familyName"),
                    locale == null ? null : Locale.forLanguageTag(locale), zone == null ? null : ZoneId.of(zone),
                    string(in, "email"), string(in, "phone"), List.of(strings(in, "pushTokens")),
                    string(in, "loyaltyTier"), string(in, "homeStore"), attributes,
                    new ChannelPreferences(preferred, QuietHours.parse(string(in, "quietHours"))), instant(in, "updatedAt"));
        }

        @Override
        public void write(CompactWriter out, CustomerProfile p) {
            out.writeString("id", p.id());
            out.writeString("givenName", p.givenName());
            out.writeString("familyName", p.familyName());
            out.writeString("locale", p.locale() == null ? null : p.locale().toLanguageTag());
            out.writeString("timeZone", p.timeZone() == null ? null : p.timeZone().getId());
            out.writeString("email", p.email());
            out.writeString("phone", p.phone());
            out.writeArrayOfString("pushTokens", p.pushTokens().toArray(String[]::new));
            out.writeString("loyaltyTier", p.loyaltyTier());
            out.writeString("homeStore", p.homeStore());
            out.writeArrayOfString("attributeNames", p.attributes().keySet().toArray(String[]::new));
            out.writeArrayOfString("attributeValues", p.attributes().values().toArray(String[]::new));
            out.writeArrayOfString("preferredChannels", p.preferences().preferred().stream().map(Enum::name).toArray(String[]::new));
            out.writeString("quietHours", p.preferences().quietHours().toString());
            instant(out, "updatedAt", p.updatedAt());
        }

        @Override
        public String getTypeName() {
            return PREFIX + "CustomerProfile";
        }

        @Override
        public Class<CustomerProfile> getCompactClass() {
            return CustomerProfile.class;
        }
    }

    static final class ConsentRecordSerializer implements CompactSerializer<ConsentRecord> {
        @Override
        public ConsentRecord read(CompactReader in) {
            return new ConsentRecord(Channel.parse(string(in, "channel")), Purpose.parse(string(in, "purpose")),
                    ConsentStatus.valueOf(string(in, "status")), ConsentSource.parse(string(in, "source")),
                    instant(in, "at"), string(in, "proof"), enumValue(in, "previous", ConsentStatus::valueOf, null));
        }

        @Override
        public void write(CompactWriter out, ConsentRecord r) {
            out.writeString("channel", r.channel().name());
            out.writeString("purpose", r.purpose().name());
            out.writeString("status", r.status().name());
            out.writeString("source", r.source().name());
            instant(out, "at", r.at());
            out.writeString("proof", r.proof());
            out.writeString("previous", name(r.previous()));
        }

        @Override
        public String getTypeName() {
            return PREFIX + "ConsentRecord";
        }

        @Override
        public Class<ConsentRecord> getCompactClass() {
            return ConsentRecord.class;
        }
    }

    static final class TouchpointRecordSerializer implements CompactSerializer<TouchpointRecord> {
        @Override
        public TouchpointRecord read(CompactReader in) {
            return new TouchpointRecord(string(in, "key"), Channel.parse(string(in, "channel")),
                    Purpose.parse(string(in, "purpose")), string(in, "journey"), string(in, "template"),
                    TouchpointStatus.valueOf(string(in, "status")),
                    enumValue(in, "reason", SuppressionReason::valueOf, null), string(in, "detail"),
                    instant(in, "decidedAt"), instant(in, "updatedAt"), string(in, "providerMessageId"),
                    string(in, "offerId"), instant(in, "offerExpiresAt"), instant(in, "deferredUntil"),
                    bool(in, "survey", false));
        }

        @Override
        public void write(CompactWriter out, TouchpointRecord r) {
            out.writeString("key", r.idempotencyKey());
            out.writeString("channel", r.channel().name());
            out.writeString("purpose", r.purpose().name());
            out.writeString("journey", r.journey());
            out.writeString("template", r.template());
            out.writeString("status", r.status().name());
            out.writeString("reason", name(r.reason()));
            out.writeString("detail", r.detail());
            instant(out, "decidedAt", r.decidedAt());
            instant(out, "updatedAt", r.updatedAt());
            out.writeString("providerMessageId", r.providerMessageId());
            out.writeString("offerId", r.offerId());
            instant(out, "offerExpiresAt", r.offerExpiresAt());
            instant(out, "deferredUntil", r.deferredUntil());
            out.writeBoolean("survey", r.survey());
        }

        @Override
        public String getTypeName() {
            return PREFIX + "TouchpointRecord";
        }

        @Override
        public Class<TouchpointRecord> getCompactClass() {
            return TouchpointRecord.class;
        }
    }

    static final class OfferSerializer implements CompactSerializer<ConversationOffer> {
        @Override
        public ConversationOffer read(CompactReader in) {
            return new ConversationOffer(Channel.parse(string(in, "channel")), string(in, "offerId"),
                    string(in, "journey"), instant(in, "madeAt"), instant(in, "expiresAt"));
        }

        @Override
        public void write(CompactWriter out, ConversationOffer o) {
            out.writeString("channel", o.channel().name());
            out.writeString("offerId", o.offerId());
            out.writeString("journey", o.journey());
            instant(out, "madeAt", o.madeAt());
            instant(out, "expiresAt", o.expiresAt());
        }

        @Override
        public String getTypeName() {
            return PREFIX + "ConversationOffer";
        }

        @Override
        public Class<ConversationOffer> getCompactClass() {
            return ConversationOffer.class;
        }
    }

    static final class StateSerializer implements CompactSerializer<ContextState> {
        @Override
        public ContextState read(CompactReader in) {
            String store = string(in, "presenceStore");
            Instant since = instant(in, "presenceSince");
            return new ContextState(string(in, "customerId"),
                    List.of(compacts(in, "consents", ConsentRecord.class)),
                    List.of(compacts(in, "ledger", TouchpointRecord.class)),
                    List.of(compacts(in, "offers", ConversationOffer.class)),
                    store == null || since == null ? null : new StorePresence(store, since),
                    bool(in, "consentChanged", false));
        }

        @Override
        public void write(CompactWriter out, ContextState s) {
            out.writeString("customerId", s.customerId());
            out.writeArrayOfCompact("consents", s.consents().toArray(ConsentRecord[]::new));
            out.writeArrayOfCompact("ledger", s.ledger().toArray(TouchpointRecord[]::new));
            out.writeArrayOfCompact("offers", s.offers().toArray(ConversationOffer[]::new));
            out.writeString("presenceStore", s.presence() == null ? null : s.presence().storeId());
            instant(out, "presenceSince", s.presence() == null ? null : s.presence().since());
            out.writeBoolean("consentChanged", s.consentChanged());
        }

        @Override
        public String getTypeName() {
            return PREFIX + "ContextState";
        }

        @Override
        public Class<ContextState> getCompactClass() {
            return ContextState.class;
        }
    }

    static final class RequestSerializer implements CompactSerializer<TouchpointRequest> {
        @Override
        public TouchpointRequest read(CompactReader in) {
            return new TouchpointRequest(string(in, "customerId"), Channel.parse(string(in, "channel")),
                    Purpose.parse(string(in, "purpose")), enumValue(in, "priority", Priority::valueOf, Priority.NORMAL),
                    string(in, "journey"), string(in, "template"), string(in, "key"), string(in, "offerId"),
                    instant(in, "offerExpiresAt"), bool(in, "survey", false));
        }

        @Override
        public void write(CompactWriter out, TouchpointRequest r) {
            out.writeString("customerId", r.customerId());
            out.writeString("channel", r.channel().name());
            out.writeString("purpose", r.purpose().name());
            out.writeString("priority", r.priority().name());
            out.writeString("journey", r.journey());
            out.writeString("template", r.template());
            out.writeString("key", r.idempotencyKey());
            out.writeString("offerId", r.offerId());
            instant(out, "offerExpiresAt", r.offerExpiresAt());
            out.writeBoolean("survey", r.survey());
        }

        @Override
        public String getTypeName() {
            return PREFIX + "TouchpointRequest";
        }

        @Override
        public Class<TouchpointRequest> getCompactClass() {
            return TouchpointRequest.class;
        }
    }

    static final class FactsSerializer implements CompactSerializer<CustomerFacts> {
        @Override
        public CustomerFacts read(CompactReader in) {
            String zone = string(in, "timeZone");
            EnumSet<Channel> channels = EnumSet.noneOf(Channel.class);
            for (String channel : strings(in, "addressable")) {
                channels.add(Channel.parse(channel));
            }
            return new CustomerFacts(zone == null ? null : ZoneId.of(zone), channels, QuietHours.parse(string(in, "quietHours")));
        }

        @Override
        public void write(CompactWriter out, CustomerFacts f) {
            out.writeString("timeZone", f.timeZone() == null ? null : f.timeZone().getId());
            out.writeArrayOfString("addressable", f.addressable().stream().map(Enum::name).sorted().toArray(String[]::new));
            out.writeString("quietHours", f.quietHours().toString());
        }

        @Override
        public String getTypeName() {
            return PREFIX + "CustomerFacts";
        }

        @Override
        public Class<CustomerFacts> getCompactClass() {
            return CustomerFacts.class;
        }
    }

    static final class PolicySerializer implements CompactSerializer<DecisionPolicy> {
        @Override
        public DecisionPolicy read(CompactReader in) {
            Set<Purpose> stopWithdraws = EnumSet.noneOf(Purpose.class);
            for (String purpose : strings(in, "smsStopWithdraws")) {
                stopWithdraws.add(Purpose.parse(purpose));
            }
            ConsentPolicy consent = new ConsentPolicy(bool(in, "marketingRequiresOptIn", true),
                    bool(in, "transactionalHonoursMarketingOptOut", false), stopWithdraws);
            Map<Channel, Integer> perChannel = new EnumMap<>(Channel.class);
            String[] channels = strings(in, "budgetChannels");
            int[] limits = ints(in, "budgetChannelLimits");
            for (int i = 0; i < Math.min(channels.length, limits.length); i++) {
                perChannel.put(Channel.parse(channels[i]), limits[i]);
            }
            ContactBudgetPolicy budget = new ContactBudgetPolicy(int32(in, "marketingPerDay", 3),
                    int32(in, "marketingPerWeek", 6), perChannel, int32(in, "transactionalPerDay", 0),
                    duration(in, "surveyWindowMillis", ContactBudgetPolicy.DEFAULT_SURVEY_WINDOW));
            Map<Channel, QuietHours> quietChannels = new EnumMap<>(Channel.class);
            String[] quietNames = strings(in, "quietChannels");
            String[] quietWindows = strings(in, "quietChannelWindows");
            for (int i = 0; i < Math.min(quietNames.length, quietWindows.length); i++) {
                quietChannels.put(Channel.parse(quietNames[i]), QuietHours.parse(quietWindows[i]));
            }
            QuietHoursPolicy quiet = new QuietHoursPolicy(QuietHours.parse(string(in, "quietDefault")), quietChannels,
                    bool(in, "quietIncludeTransactional", false));
            String zone = string(in, "defaultTimeZone");
            return new DecisionPolicy(consent, budget, quiet, ZoneId.of(zone == null ? "UTC" : zone),
                    duration(in, "idempotencyRetentionMillis", DecisionPolicy.BUDGET_WEEK),
                    int32(in, "ledgerMaxEntries", 200), duration(in, "presenceTtlMillis", null));
        }

        @Override
        public void write(CompactWriter out, DecisionPolicy p) {
            out.writeBoolean("marketingRequiresOptIn", p.consent().marketingRequiresOptIn());
            out.writeBoolean("transactionalHonoursMarketingOptOut", p.consent().transactionalHonoursMarketingOptOut());
            out.writeArrayOfString("smsStopWithdraws", p.consent().smsStopWithdraws().stream().map(Enum::name).sorted().toArray(String[]::new));
            out.writeInt32("marketingPerDay", p.budget().marketingPerDay());
            out.writeInt32("marketingPerWeek", p.budget().marketingPerWeek());
            List<Channel> channels = new ArrayList<>(p.budget().marketingPerChannelPerDay().keySet());
            channels.sort(null);
            out.writeArrayOfString("budgetChannels", channels.stream().map(Enum::name).toArray(String[]::new));
            out.writeArrayOfInt32("budgetChannelLimits", channels.stream().mapToInt(p.budget()::perChannelPerDay).toArray());
            out.writeInt32("transactionalPerDay", p.budget().transactionalPerDay());
            out.writeInt64("surveyWindowMillis", p.budget().surveyWindow().toMillis());
            out.writeString("quietDefault", p.quietHours().defaults().toString());
            List<Channel> quietChannels = new ArrayList<>(p.quietHours().channels().keySet());
            quietChannels.sort(null);
            out.writeArrayOfString("quietChannels", quietChannels.stream().map(Enum::name).toArray(String[]::new));
            out.writeArrayOfString("quietChannelWindows", quietChannels.stream().map(c -> p.quietHours().forChannel(c).toString()).toArray(String[]::new));
            out.writeBoolean("quietIncludeTransactional", p.quietHours().includeTransactional());
            out.writeString("defaultTimeZone", p.defaultTimeZone().getId());
            out.writeInt64("idempotencyRetentionMillis", p.idempotencyRetention().toMillis());
            out.writeInt32("ledgerMaxEntries", p.ledgerMaxEntries());
            out.writeInt64("presenceTtlMillis", p.presenceTtl().toMillis());
        }

        @Override
        public String getTypeName() {
            return PREFIX + "DecisionPolicy";
        }

        @Override
        public Class<DecisionPolicy> getCompactClass() {
            return DecisionPolicy.class;
        }
    }

    static final class ConsentChangeSerializer implements CompactSerializer<ConsentChange> {
        @Override
        public ConsentChange read(CompactReader in) {
            return new ConsentChange(string(in, "customerId"), Channel.parse(string(in, "channel")),
                    Purpose.parse(string(in, "purpose")), ConsentStatus.valueOf(string(in, "status")),
                    ConsentSource.parse(string(in, "source")), string(in, "proof"), instant(in, "at"));
        }

        @Override
        public void write(CompactWriter out, ConsentChange c) {
            out.writeString("customerId", c.customerId());
            out.writeString("channel", c.channel().name());
            out.writeString("purpose", c.purpose().name());
            out.writeString("status", c.status().name());
            out.writeString("source", c.source().name());
            out.writeString("proof", c.proof());
            instant(out, "at", c.at());
        }

        @Override
        public String getTypeName() {
            return PREFIX + "ConsentChange";
        }

        @Override
        public Class<ConsentChange> getCompactClass() {
            return ConsentChange.class;
        }
    }

    static final class ConsentUpdateSerializer implements CompactSerializer<ConsentUpdate> {
        @Override
        public ConsentUpdate read(CompactReader in) {
            boolean applied = bool(in, "applied", false);
            ConsentUpdate.Outcome outcome = enumValue(in, "outcome", ConsentUpdate.Outcome::valueOf,
                    applied ? ConsentUpdate.Outcome.APPLIED : ConsentUpdate.Outcome.REFUSED);
            return new ConsentUpdate(string(in, "customerId"), compact(in, "inForce"), outcome, string(in, "detail"));
        }

        @Override
        public void write(CompactWriter out, ConsentUpdate u) {
            out.writeString("customerId", u.customerId());
            out.writeCompact("inForce", u.inForce());
            out.writeBoolean("applied", u.applied());
            out.writeString("outcome", u.outcome().name());
            out.writeString("detail", u.detail());
        }

        @Override
        public String getTypeName() {
            return PREFIX + "ConsentUpdate";
        }

        @Override
        public Class<ConsentUpdate> getCompactClass() {
            return ConsentUpdate.class;
        }
    }

    static final class SendSerializer implements CompactSerializer<TouchpointDecision.Send> {
        @Override
        public TouchpointDecision.Send read(CompactReader in) {
            return new TouchpointDecision.Send(new ReservationId(string(in, "customerId"), string(in, "key")),
                    instant(in, "decidedAt"), TouchpointStatus.valueOf(string(in, "status")),
                    string(in, "providerMessageId"), bool(in, "replay", false));
        }

        @Override
        public void write(CompactWriter out, TouchpointDecision.Send s) {
            out.writeString("customerId", s.reservation().customerId());
            out.writeString("key", s.reservation().idempotencyKey());
            instant(out, "decidedAt", s.decidedAt());
            out.writeString("status", s.status().name());
            out.writeString("providerMessageId", s.providerMessageId());
            out.writeBoolean("replay", s.replay());
        }

        @Override
        public String getTypeName() {
            return PREFIX + "decision.Send";
        }

        @Override
        public Class<TouchpointDecision.Send> getCompactClass() {
            return TouchpointDecision.Send.class;
        }
    }

    static final class SuppressSerializer implements CompactSerializer<TouchpointDecision.Suppress> {
        @Override
        public TouchpointDecision.Suppress read(CompactReader in) {
            return new TouchpointDecision.Suppress(string(in, "key"), SuppressionReason.valueOf(string(in, "reason")),
                    string(in, "detail"), instant(in, "decidedAt"), bool(in, "replay", false));
        }

        @Override
        public void write(CompactWriter out, TouchpointDecision.Suppress s) {
            out.writeString("key", s.idempotencyKey());
            out.writeString("reason", s.reason().name());
            out.writeString("detail", s.detail());
            instant(out, "decidedAt", s.decidedAt());
            out.writeBoolean("replay", s.replay());
        }

        @Override
        public String getTypeName() {
            return PREFIX + "decision.Suppress";
        }

        @Override
        public Class<TouchpointDecision.Suppress> getCompactClass() {
            return TouchpointDecision.Suppress.class;
        }
    }

    static final class DeferSerializer implements CompactSerializer<TouchpointDecision.Defer> {
        @Override
        public TouchpointDecision.Defer read(CompactReader in) {
            return new TouchpointDecision.Defer(string(in, "key"), instant(in, "until"),
                    enumValue(in, "reason", DeferralReason::valueOf, DeferralReason.QUIET_HOURS), instant(in, "decidedAt"));
        }

        @Override
        public void write(CompactWriter out, TouchpointDecision.Defer d) {
            out.writeString("key", d.idempotencyKey());
            instant(out, "until", d.until());
            out.writeString("reason", d.reason().name());
            instant(out, "decidedAt", d.decidedAt());
        }

        @Override
        public String getTypeName() {
            return PREFIX + "decision.Defer";
        }

        @Override
        public Class<TouchpointDecision.Defer> getCompactClass() {
            return TouchpointDecision.Defer.class;
        }
    }

    static final class DecideProcessorSerializer implements CompactSerializer<DecideProcessor> {
        @Override
        public DecideProcessor read(CompactReader in) {
            return new DecideProcessor(compact(in, "request"), compact(in, "facts"), compact(in, "policy"), instant(in, "now"));
        }

        @Override
        public void write(CompactWriter out, DecideProcessor p) {
            out.writeCompact("request", p.request);
            out.writeCompact("facts", p.facts);
            out.writeCompact("policy", p.policy);
            instant(out, "now", p.now);
        }

        @Override
        public String getTypeName() {
            return PREFIX + "processor.Decide";
        }

        @Override
        public Class<DecideProcessor> getCompactClass() {
            return DecideProcessor.class;
        }
    }

    static final class ReservationProcessorSerializer implements CompactSerializer<ReservationProcessor> {
        @Override
        public ReservationProcessor read(CompactReader in) {
            return new ReservationProcessor(bool(in, "confirm", false), string(in, "key"), string(in, "detail"), instant(in, "now"));
        }

        @Override
        public void write(CompactWriter out, ReservationProcessor p) {
            out.writeBoolean("confirm", p.confirm);
            out.writeString("key", p.idempotencyKey);
            out.writeString("detail", p.detail);
            instant(out, "now", p.now);
        }

        @Override
        public String getTypeName() {
            return PREFIX + "processor.Reservation";
        }

        @Override
        public Class<ReservationProcessor> getCompactClass() {
            return ReservationProcessor.class;
        }
    }

    static final class ConsentProcessorSerializer implements CompactSerializer<ConsentProcessor> {
        @Override
        public ConsentProcessor read(CompactReader in) {
            List<ConsentChange> changes = List.of(compacts(in, "changes", ConsentChange.class));
            String[] modes = strings(in, "modes");
            List<ConsentRules.WriteMode> writeModes = new ArrayList<>(changes.size());
            for (int i = 0; i < changes.size(); i++) {
                writeModes.add(i < modes.length ? ConsentRules.WriteMode.valueOf(modes[i]) : ConsentRules.WriteMode.LATEST_WINS);
            }
            String[] suppressed = CompactFields.has(in, "suppressed") ? strings(in, "suppressed") : new String[0];
            List<String> suppressedBecause = new ArrayList<>(changes.size());
            for (int i = 0; i < changes.size(); i++) {
                suppressedBecause.add(i < suppressed.length && suppressed[i] != null && !suppressed[i].isEmpty() ? suppressed[i] : null);
            }
            return new ConsentProcessor(changes, writeModes, suppressedBecause,
                    enumValue(in, "keyword", SmsKeyword::valueOf, null), compactPolicy(in),
                    string(in, "proof"), instant(in, "at"));
        }

        private static ConsentPolicy compactPolicy(CompactReader in) {
            if (!CompactFields.has(in, "stopWithdraws")) {
                return null;
            }
            String[] purposes = strings(in, "stopWithdraws");
            if (purposes.length == 0) {
                return null;
            }
            Set<Purpose> withdraws = EnumSet.noneOf(Purpose.class);
            for (String purpose : purposes) {
                withdraws.add(Purpose.parse(purpose));
            }
            return new ConsentPolicy(true, false, withdraws);
        }

        @Override
        public void write(CompactWriter out, ConsentProcessor p) {
            out.writeArrayOfCompact("changes", p.changes.toArray(ConsentChange[]::new));
            out.writeArrayOfString("modes", p.modes.stream().map(Enum::name).toArray(String[]::new));
            out.writeArrayOfString("suppressed", p.suppressed.stream().map(s -> s == null ? "" : s).toArray(String[]::new));
            out.writeString("keyword", name(p.keyword));
            out.writeArrayOfString("stopWithdraws", p.policy == null ? new String[0]
                    : p.policy.smsStopWithdraws().stream().map(Enum::name).sorted().toArray(String[]::new));
            out.writeString("proof", p.proof);
            instant(out, "at", p.at);
        }

        @Override
        public String getTypeName() {
            return PREFIX + "processor.Consent";
        }

        @Override
        public Class<ConsentProcessor> getCompactClass() {
            return ConsentProcessor.class;
        }
    }

    static final class ConversationProcessorSerializer implements CompactSerializer<ConversationProcessor> {
        @Override
        public ConversationProcessor read(CompactReader in) {
            String store = string(in, "storeId");
            Instant since = instant(in, "since");
            return new ConversationProcessor(ConversationProcessor.Kind.valueOf(string(in, "kind")),
                    store == null || since == null ? null : new StorePresence(store, since), compact(in, "offer"));
        }

        @Override
        public void write(CompactWriter out, ConversationProcessor p) {
            out.writeString("kind", p.kind.name());
            out.writeString("storeId", p.presence == null ? null : p.presence.storeId());
            instant(out, "since", p.presence == null ? null : p.presence.since());
            out.writeCompact("offer", p.offer);
        }

        @Override
        public String getTypeName() {
            return PREFIX + "processor.Conversation";
        }

        @Override
        public Class<ConversationProcessor> getCompactClass() {
            return ConversationProcessor.class;
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static final class ReplaceStateBackupSerializer implements CompactSerializer<ReplaceStateBackup> {
        @Override
        public ReplaceStateBackup read(CompactReader in) {
            return new ReplaceStateBackup(compact(in, "state"));
        }

        @Override
        public void write(CompactWriter out, ReplaceStateBackup p) {
            out.writeCompact("state", p.state);
        }

        @Override
        public String getTypeName() {
            return PREFIX + "processor.ReplaceStateBackup";
        }

        @Override
        public Class<ReplaceStateBackup> getCompactClass() {
            return ReplaceStateBackup.class;
        }
    }
}
