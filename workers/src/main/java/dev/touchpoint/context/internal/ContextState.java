package dev.touchpoint.context.internal;

import dev.touchpoint.context.ConsentRecord;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.ConversationOffer;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.context.StorePresence;
import dev.touchpoint.context.TouchpointRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The value of the decision map ({@link ContextMaps#CONTEXTS}) for one customer: everything a decision must see
 * atomically. Immutable; every change makes a new value.
 *
 * @param customerId     the customer
 * @param consents       one record per channel and purpose that was ever set
 * @param ledger         recent decisions (SEND, SUPPRESS and pending DEFER) in decision order, bounded
 * @param offers         the last offer per channel
 * @param presence       the store the customer is in, or null
 * @param consentChanged true when the operation that produced this value changed consent: tells the MapStore to
 *                       write consent through to the database (every other change stays in memory)
 */
public record ContextState(
        String customerId,
        List<ConsentRecord> consents,
        List<TouchpointRecord> ledger,
        List<ConversationOffer> offers,
        StorePresence presence,
        boolean consentChanged) {

    public ContextState {
        Objects.requireNonNull(customerId, "customerId");
        consents = List.copyOf(consents);
        ledger = List.copyOf(ledger);
        offers = List.copyOf(offers);
    }

    public static ContextState empty(String customerId) {
        return new ContextState(customerId, List.of(), List.of(), List.of(), null, false);
    }

    /** The state loaded from the database: consent only. */
    public static ContextState fromConsents(String customerId, List<ConsentRecord> consents) {
        return new ContextState(customerId, consents, List.of(), List.of(), null, false);
    }

    public Optional<ConsentRecord> consent(Channel channel, Purpose purpose) {
        for (ConsentRecord record : consents) {
            if (record.channel() == channel && record.purpose() == purpose) {
                return Optional.of(record);
            }
        }
        return Optional.empty();
    }

    public Optional<TouchpointRecord> entry(String idempotencyKey) {
        for (int i = ledger.size() - 1; i >= 0; i--) {
            if (ledger.get(i).idempotencyKey().equals(idempotencyKey)) {
                return Optional.of(ledger.get(i));
            }
        }
        return Optional.empty();
    }

    public ContextState withConsent(ConsentRecord record) {
        List<ConsentRecord> next = new ArrayList<>(consents.size() + 1);
        for (ConsentRecord existing : consents) {
            if (existing.channel() != record.channel() || existing.purpose() != record.purpose()) {
                next.add(existing);
            }
        }
        next.add(record);
        return new ContextState(customerId, next, ledger, offers, presence, true);
    }

    public ContextState withLedger(List<TouchpointRecord> newLedger) {
        return new ContextState(customerId, consents, newLedger, offers, presence, false);
    }

    public ContextState appendToLedger(TouchpointRecord record) {
        List<TouchpointRecord> next = new ArrayList<>(ledger.size() + 1);
        next.addAll(ledger);
        next.add(record);
        return withLedger(next);
    }

    /** Adds the record at the end, replacing an earlier entry with its key (a deferral decided again). */
    public ContextState putInLedger(TouchpointRecord record) {
        List<TouchpointRecord> next = new ArrayList<>(ledger.size() + 1);
        for (TouchpointRecord existing : ledger) {
            if (!existing.idempotencyKey().equals(record.idempotencyKey())) {
                next.add(existing);
            }
        }
        next.add(record);
        return withLedger(next);
    }

    public ContextState replaceInLedger(TouchpointRecord record) {
        List<TouchpointRecord> next = new ArrayList<>(ledger.size());
        for (TouchpointRecord existing : ledger) {
            next.add(existing.idempotencyKey().equals(record.idempotencyKey()) ? record : existing);
        }
        return withLedger(next);
    }

    public ContextState withOffer(ConversationOffer offer) {
        List<ConversationOffer> next = new ArrayList<>(offers.size() + 1);
        for (ConversationOffer existing : offers) {
            if (existing.channel() != offer.channel()) {
                next.add(existing);
            }
        }
        next.add(offer);
        return new ContextState(customerId, consents, ledger, next, presence, false);
    }

    public ContextState withOffers(List<ConversationOffer> newOffers) {
        return new ContextState(customerId, consents, ledger, newOffers, presence, false);
    }

    public ContextState withPresence(StorePresence newPresence) {
        return new ContextState(customerId, consents, ledger, offers, newPresence, false);
    }

    /** The same content, marked as not changing consent (what a non-consent operation stores). */
    public ContextState unchangedConsent() {
        return consentChanged ? new ContextState(customerId, consents, ledger, offers, presence, false) : this;
    }
}
