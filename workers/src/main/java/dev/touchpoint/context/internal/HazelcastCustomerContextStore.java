package dev.touchpoint.context.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.map.IMap;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import dev.touchpoint.context.ConsentChange;
import dev.touchpoint.context.ConsentGranted;
import dev.touchpoint.context.ConsentRecord;
import dev.touchpoint.context.ConsentSource;
import dev.touchpoint.context.ConsentStatus;
import dev.touchpoint.context.ConsentTimestamps;
import dev.touchpoint.context.ConsentUpdate;
import dev.touchpoint.context.ConsentWithdrawn;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.ContextUnavailableException;
import dev.touchpoint.context.ConversationOffer;
import dev.touchpoint.context.CustomerContext;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.CustomerErased;
import dev.touchpoint.context.CustomerProfile;
import dev.touchpoint.context.DecisionPolicy;
import dev.touchpoint.context.ErasureParticipant;
import dev.touchpoint.context.ErasureTally;
import dev.touchpoint.context.InvalidCustomerException;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.context.ReservationId;
import dev.touchpoint.context.SmsKeyword;
import dev.touchpoint.context.StorePresence;
import dev.touchpoint.context.SuppressionReason;
import dev.touchpoint.context.TouchpointDecision;
import dev.touchpoint.context.TouchpointRecord;
import dev.touchpoint.context.TouchpointRequest;
import dev.touchpoint.context.UnknownCustomerException;
import dev.touchpoint.context.UpsertOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@link CustomerContextStore} on Hazelcast: profiles in {@link ContextMaps#PROFILES} (near-cached), everything a
 * decision must see atomically in {@link ContextMaps#CONTEXTS}, changed only by entry processors on the member that
 * owns the customer's partition. Works the same on an embedded member and on a client.
 */
public class HazelcastCustomerContextStore implements CustomerContextStore {

    private static final Logger log = LoggerFactory.getLogger(HazelcastCustomerContextStore.class);

    private final IMap<String, CustomerProfile> profiles;
    private final IMap<String, ContextState> contexts;
    private final CustomerDirectory directory;
    private final DecisionPolicy policy;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final SuppressionList suppression;
    private final ConsentTimestamps timestamps;
    private final Supplier<List<ErasureParticipant>> participants;

    /**
     * @param suppression the suppression list of opted-out and erased addresses
     * @param timestamps  how far in the future a consent change may be dated
     */
    public HazelcastCustomerContextStore(HazelcastInstance hazelcast, CustomerDirectory directory, DecisionPolicy policy,
                                         Clock clock, ApplicationEventPublisher events, SuppressionList suppression,
                                         ConsentTimestamps timestamps) {
        this(hazelcast, directory, policy, clock, events, suppression, timestamps, List::of);
    }

    /** @param participants the parts of the application that erase what they keep of a customer (looked up per erasure) */
    public HazelcastCustomerContextStore(HazelcastInstance hazelcast, CustomerDirectory directory, DecisionPolicy policy,
                                         Clock clock, ApplicationEventPublisher events, SuppressionList suppression,
                                         ConsentTimestamps timestamps, Supplier<List<ErasureParticipant>> participants) {
        this.participants = participants;
        this.profiles = hazelcast.getMap(ContextMaps.PROFILES);
        this.contexts = hazelcast.getMap(ContextMaps.CONTEXTS);
        this.directory = directory;
        this.policy = policy;
        this.clock = clock;
        this.events = events;
        this.suppression = suppression;
        this.timestamps = timestamps;
    }

    public DecisionPolicy policy() {
        return policy;
    }

    @Override
    public Optional<CustomerProfile> findProfile(String customerId) {
        if (!CustomerValidation.validId(customerId)) {
            return Optional.empty();
        }
        return guarded(() -> Optional.ofNullable(profiles.get(customerId)));
    }

    @Override
    public Optional<CustomerContext> findContext(String customerId) {
        Optional<CustomerProfile> profile = findProfile(customerId);
        if (profile.isEmpty()) {
            return Optional.empty();
        }
        Instant now = now();
        ContextState state = guarded(() -> contexts.get(customerId));
        if (state == null) {
            return Optional.of(new CustomerContext(profile.get(), List.of(), List.of(), List.of(), Optional.empty()));
        }
        ContextState current = TouchpointDecider.prune(state, policy, now);
        List<ConsentRecord> consents = current.consents().stream()
                .sorted(Comparator.comparing(ConsentRecord::channel).thenComparing(ConsentRecord::purpose)).toList();
        List<TouchpointRecord> ledger = current.ledger().reversed();
        return Optional.of(new CustomerContext(profile.get(), consents, ledger, current.offers(), Optional.ofNullable(current.presence())));
    }

    @Override
    public List<String> findCustomerIdsByPhone(String phone) {
        String normalised = CustomerValidation.normalisePhone(phone);
        return normalised == null ? List.of() : guarded(() -> directory.idsByPhone(normalised));
    }

    @Override
    public List<String> findCustomerIdsByEmail(String email) {
        if (email == null || email.isBlank()) {
            return List.of();
        }
        return guarded(() -> directory.idsByEmail(email.trim().toLowerCase(Locale.ROOT)));
    }

    @Override
    public UpsertOutcome upsert(CustomerProfile profile) {
        CustomerProfile normalised = CustomerValidation.normalise(profile);
        return guarded(() -> {
            CustomerProfile current = profiles.get(normalised.id());
            if (current != null && current.sameContentAs(normalised)) {
                return UpsertOutcome.UNCHANGED;
            }
            profiles.set(normalised.id(), normalised.withUpdatedAt(now()));
            return current == null ? UpsertOutcome.CREATED : UpsertOutcome.UPDATED;
        });
    }

    @Override
    public boolean mergeAttributes(String customerId, Map<String, String> attributes) {
        if (!CustomerValidation.validId(customerId)) {
            return false;
        }
        return guarded(() -> {
            for (int attempt = 0; attempt < 16; attempt++) {
                CustomerProfile current = profiles.get(customerId);
                if (current == null) {
                    return false;
                }
                Map<String, String> merged = new java.util.LinkedHashMap<>(current.attributes());
                merged.putAll(attributes);
                CustomerProfile updated = CustomerValidation.normalise(current.withAttributes(merged));
                if (updated.sameContentAs(current)) {
                    return true;
                }
                // compare and set: a profile changed in between (an import, another answer) is read again
                if (profiles.replace(customerId, current, updated.withUpdatedAt(now()))) {
                    return true;
                }
            }
            throw new ContextUnavailableException("the profile of customer " + customerId + " kept changing while its"
                    + " attributes were being set; try again", null);
        });
    }

    @Override
    public boolean erase(String customerId, String requestedBy) {
        if (!CustomerValidation.validId(customerId)) {
            return false;
        }
        CustomerProfile profile = guarded(() -> profiles.get(customerId));
        CustomerErased.Contacts contacts = CustomerErased.Contacts.of(profile);
        ErasureTally tally = new ErasureTally();
        if (profile != null) {
            // first what is kept elsewhere and the suppression list: if any of it fails, the profile is still here and a
            // retry of the erasure does it all
            guarded(() -> {
                for (Channel channel : List.of(Channel.EMAIL, Channel.SMS)) {
                    for (Purpose purpose : Purpose.values()) {
                        suppression.suppress(channel, purpose, SuppressionList.address(profile, channel), SuppressionList.Reason.ERASED);
                    }
                }
                return null;
            });
            for (ErasureParticipant participant : participants.get()) {
                participant.erase(customerId, contacts, tally);
            }
        }
        boolean existed = guarded(() -> {
            boolean known = profile != null || profiles.containsKey(customerId) || contexts.containsKey(customerId);
            contexts.delete(customerId);
            profiles.delete(customerId);
            return known;
        });
        if (existed) {
            log.info("Customer {} erased (requested by {}); elsewhere: {}", customerId, requestedBy, tally.counts());
            events.publishEvent(new CustomerErased(customerId, requestedBy, now(), contacts, tally.counts()));
        }
        return existed;
    }

    @Override
    public ConsentUpdate recordConsent(ConsentChange change) {
        return recordConsents(change.customerId(), List.of(change), List.of()).getFirst();
    }

    @Override
    public ConsentUpdate recordConsentIfAbsent(ConsentChange change) {
        return recordConsents(change.customerId(), List.of(), List.of(change)).getFirst();
    }

    @Override
    public List<ConsentUpdate> recordConsents(String customerId, List<ConsentChange> latestWins, List<ConsentChange> ifAbsent) {
        CustomerProfile profile = requireProfile(customerId);
        List<ConsentChange> changes = new ArrayList<>();
        List<ConsentRules.WriteMode> modes = new ArrayList<>();
        for (ConsentChange change : latestWins) {
            changes.add(truncated(customerId, change));
            modes.add(ConsentRules.WriteMode.LATEST_WINS);
        }
        for (ConsentChange change : ifAbsent) {
            changes.add(truncated(customerId, change));
            modes.add(ConsentRules.WriteMode.IF_ABSENT);
        }
        if (changes.isEmpty()) {
            return List.of();
        }
        List<InvalidCustomerException.Violation> violations = new ArrayList<>();
        for (ConsentChange change : changes) {
            timestamps.problem(change.at()).ifPresent(reason -> violations.add(new InvalidCustomerException.Violation("at", reason)));
        }
        if (!violations.isEmpty()) {
            throw new InvalidCustomerException(violations);
        }
        List<String> suppressed = new ArrayList<>(changes.size());
        for (ConsentChange change : changes) {
            suppressed.add(change.status() == ConsentStatus.GRANTED
                    ? guarded(() -> suppression.reason(change.channel(), change.purpose(), SuppressionList.address(profile, change.channel())))
                    .orElse(null) : null);
        }
        List<ConsentUpdate> updates = guarded(() -> contexts.executeOnKey(customerId, new ConsentProcessor(changes, modes, suppressed)));
        afterConsent(profile, changes, null, updates);
        return updates;
    }

    private static ConsentChange truncated(String customerId, ConsentChange change) {
        if (!change.customerId().equals(customerId)) {
            throw new IllegalArgumentException("every change must be for customer " + customerId);
        }
        return new ConsentChange(change.customerId(), change.channel(), change.purpose(), change.status(),
                change.source(), change.proof(), change.at().truncatedTo(ChronoUnit.MILLIS));
    }

    @Override
    public List<ConsentUpdate> applySmsKeyword(String phone, SmsKeyword keyword, String inboundMessageId, Instant receivedAt) {
        List<String> customerIds = findCustomerIdsByPhone(phone);
        Instant at = receivedAt.truncatedTo(ChronoUnit.MILLIS);
        List<ConsentUpdate> all = new ArrayList<>();
        for (String customerId : customerIds) {
            List<ConsentUpdate> updates = guarded(() -> contexts.executeOnKey(customerId,
                    new ConsentProcessor(keyword, policy.consent(), inboundMessageId, at)));
            afterConsent(guarded(() -> profiles.get(customerId)), null, inboundMessageId, updates);
            all.addAll(updates);
        }
        log.info("SMS {} (message {}) applied to {} customer(s): {}", keyword, inboundMessageId, customerIds.size(), customerIds);
        return all;
    }

    @Override
    public void checkIn(String customerId, String storeId, Instant at) {
        requireKnown(customerId);
        if (storeId == null || storeId.isBlank() || storeId.length() > 64) {
            throw new IllegalArgumentException("storeId must be 1-64 characters");
        }
        StorePresence presence = new StorePresence(storeId, at.truncatedTo(ChronoUnit.MILLIS));
        guarded(() -> contexts.executeOnKey(customerId, new ConversationProcessor(ConversationProcessor.Kind.CHECK_IN, presence, null)));
    }

    @Override
    public void checkOut(String customerId, Instant at) {
        requireKnown(customerId);
        guarded(() -> contexts.executeOnKey(customerId, new ConversationProcessor(ConversationProcessor.Kind.CHECK_OUT, null, null)));
    }

    @Override
    public void recordOffer(String customerId, ConversationOffer offer) {
        requireKnown(customerId);
        ConversationOffer truncated = new ConversationOffer(offer.channel(), offer.offerId(), offer.journey(),
                offer.madeAt().truncatedTo(ChronoUnit.MILLIS), offer.expiresAt() == null ? null : offer.expiresAt().truncatedTo(ChronoUnit.MILLIS));
        guarded(() -> contexts.executeOnKey(customerId, new ConversationProcessor(ConversationProcessor.Kind.OFFER, null, truncated)));
    }

    @Override
    public List<Channel> reachableChannels(String customerId, Purpose purpose) {
        Optional<CustomerProfile> profile = findProfile(customerId);
        if (profile.isEmpty()) {
            return List.of();
        }
        ContextState stored = guarded(() -> contexts.get(customerId));
        ContextState state = stored == null ? ContextState.empty(customerId) : stored;
        CustomerFacts facts = CustomerFacts.of(profile.get());
        Instant now = now();
        Set<Channel> ordered = new java.util.LinkedHashSet<>(profile.get().preferences().preferred());
        ordered.addAll(EnumSet.allOf(Channel.class));
        return ordered.stream()
                .filter(channel -> TouchpointDecider.consentAllows(state, channel, purpose, policy.consent()))
                .filter(channel -> TouchpointDecider.reachable(state, channel, facts, policy, now))
                .toList();
    }

    @Override
    public TouchpointDecision decide(TouchpointRequest request) {
        Instant now = now();
        CustomerProfile profile = guarded(() -> profiles.get(request.customerId()));
        if (profile == null) {
            return new TouchpointDecision.Suppress(request.idempotencyKey(), SuppressionReason.UNKNOWN_CUSTOMER,
                    "unknown customer", now, false);
        }
        TouchpointRequest normalised = request.offerExpiresAt() == null ? request : new TouchpointRequest(request.customerId(),
                request.channel(), request.purpose(), request.priority(), request.journey(), request.template(),
                request.idempotencyKey(), request.offerId(), request.offerExpiresAt().truncatedTo(ChronoUnit.MILLIS));
        return guarded(() -> contexts.executeOnKey(request.customerId(),
                new DecideProcessor(normalised, CustomerFacts.of(profile), policy, now)));
    }

    @Override
    public TouchpointDecision preview(TouchpointRequest request, Instant at) {
        CustomerProfile profile = guarded(() -> profiles.get(request.customerId()));
        if (profile == null) {
            return new TouchpointDecision.Suppress(request.idempotencyKey(), SuppressionReason.UNKNOWN_CUSTOMER,
                    "unknown customer", at, false);
        }
        ContextState state = guarded(() -> contexts.get(request.customerId()));
        return TouchpointDecider.decide(state, request, CustomerFacts.of(profile), policy, at).result();
    }

    @Override
    public boolean confirm(ReservationId reservation, String providerMessageId) {
        return guarded(() -> contexts.executeOnKey(reservation.customerId(),
                new ReservationProcessor(true, reservation.idempotencyKey(), providerMessageId, now())));
    }

    @Override
    public boolean release(ReservationId reservation, String reason) {
        return guarded(() -> contexts.executeOnKey(reservation.customerId(),
                new ReservationProcessor(false, reservation.idempotencyKey(), reason, now())));
    }

    private void requireKnown(String customerId) {
        if (!CustomerValidation.validId(customerId) || !guarded(() -> profiles.containsKey(customerId))) {
            throw new UnknownCustomerException(customerId);
        }
    }

    private CustomerProfile requireProfile(String customerId) {
        CustomerProfile profile = CustomerValidation.validId(customerId) ? guarded(() -> profiles.get(customerId)) : null;
        if (profile == null) {
            throw new UnknownCustomerException(customerId);
        }
        return profile;
    }

    /**
     * What follows a consent change that is now in force: the suppression list (a withdrawn address goes on it, a
     * fresh grant takes it off) and the events that make its evidence. Runs for applied changes and for retries of a
     * change already in force (UNCHANGED with the same content): a retry after a failure here redoes both, and the
     * ledger records the evidence once.
     *
     * @param changes      the changes asked for, in the order of {@code updates}; null for an SMS keyword (derived inside)
     * @param keywordProof the inbound message id of an SMS keyword, else null
     */
    private void afterConsent(CustomerProfile profile, List<ConsentChange> changes, String keywordProof, List<ConsentUpdate> updates) {
        List<ConsentUpdate> inForce = new ArrayList<>(updates.size());
        for (int i = 0; i < updates.size(); i++) {
            ConsentUpdate update = updates.get(i);
            boolean retry = update.outcome() == ConsentUpdate.Outcome.UNCHANGED && update.inForce() != null
                    && (changes == null
                    ? update.inForce().source() == ConsentSource.SMS_KEYWORD && Objects.equals(update.inForce().proof(), keywordProof)
                    : ConsentRules.sameContent(update.inForce(), changes.get(i)));
            if (!update.applied() && !retry) {
                continue;
            }
            inForce.add(update);
            ConsentRecord r = update.inForce();
            String address = SuppressionList.address(profile, r.channel());
            if (address == null) {
                continue;
            }
            if (r.withdrawn()) {
                guarded(() -> {
                    suppression.suppress(r.channel(), r.purpose(), address, SuppressionList.Reason.WITHDRAWN);
                    return null;
                });
            } else if (r.source().provesFreshOptIn()) {
                guarded(() -> {
                    suppression.lift(r.channel(), r.purpose(), address);
                    return null;
                });
            }
        }
        publish(inForce);
    }

    private void publish(List<ConsentUpdate> updates) {
        for (ConsentUpdate update : updates) {
            ConsentRecord r = update.inForce();
            if (r.status() == ConsentStatus.GRANTED) {
                events.publishEvent(new ConsentGranted(update.customerId(), r.channel(), r.purpose(), r.source(), r.proof(), r.at()));
            } else {
                events.publishEvent(new ConsentWithdrawn(update.customerId(), r.channel(), r.purpose(), r.source(), r.proof(), r.at()));
            }
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Runs a Hazelcast call, turning "cannot serve now" failures into {@link ContextUnavailableException}. */
    private static <T> T guarded(Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof SplitBrainProtectionException) {
                    throw new ContextUnavailableException("this member is on the minority side of the cluster: "
                            + "decisions and consent changes are refused until the cluster heals", e);
                }
                if (cause instanceof DataAccessException || cause instanceof java.sql.SQLException) {
                    throw new ContextUnavailableException("the customer database is unavailable", e);
                }
                if (cause instanceof HazelcastInstanceNotActiveException) {
                    throw new ContextUnavailableException("the context cluster connection is shut down", e);
                }
            }
            throw e;
        }
    }
}
