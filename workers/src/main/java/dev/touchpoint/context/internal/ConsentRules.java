package dev.touchpoint.context.internal;

import dev.touchpoint.context.ConsentChange;
import dev.touchpoint.context.ConsentPolicy;
import dev.touchpoint.context.ConsentRecord;
import dev.touchpoint.context.ConsentSource;
import dev.touchpoint.context.ConsentStatus;
import dev.touchpoint.context.ConsentUpdate.Outcome;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.context.SmsKeyword;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * How consent changes are applied to a customer's state (ADR-0005, "ordering"). Pure functions, run inside entry
 * processors.
 *
 * <ul>
 *   <li><b>A withdrawal always wins.</b> It applies whatever the timestamp of the grant in force (a grant dated in the
 *       future, by a skewed clock or a wrong time zone, can never block a STOP). A withdrawal of a consent that is
 *       already withdrawn changes nothing unless it is newer (then it becomes the record in force).</li>
 *   <li><b>A grant after a withdrawal needs fresh proof</b>: a source that is the customer's own new expression of
 *       consent ({@link ConsentSource#provesFreshOptIn()}) with a proof, expressed after the withdrawal. The same holds
 *       for an address on the suppression list (an erased or opted-out email address or phone number).</li>
 *   <li>A grant over a grant applies when it is not older (it refreshes the proof).</li>
 *   <li>The same change again (same status, source, time and proof) is {@link Outcome#UNCHANGED}: retries are
 *       idempotent.</li>
 * </ul>
 */
public final class ConsentRules {

    /** How a change treats an existing record. */
    public enum WriteMode {
        /** The rules above. */
        LATEST_WINS,
        /**
         * A grant applies only when there is no record for that channel and purpose (imports without consent timestamps:
         * an old export never overrides a choice the customer made since). A withdrawal applies as always.
         */
        IF_ABSENT
    }

    /** One change and the state after it. */
    public record Applied(ConsentRecord inForce, Outcome outcome, String detail, ContextState state) {

        public boolean applied() {
            return outcome == Outcome.APPLIED;
        }
    }

    private ConsentRules() {
    }

    /**
     * Applies one change.
     *
     * @param suppressed why the change's address is on the suppression list (e.g. "erased at ..."), or null when it is
     *                   not; only grants look at it
     */
    public static Applied apply(ContextState current, ConsentChange change, WriteMode mode, String suppressed) {
        ContextState state = current == null ? ContextState.empty(change.customerId()) : current;
        ConsentRecord existing = state.consent(change.channel(), change.purpose()).orElse(null);
        if (existing != null && sameContent(existing, change)) {
            return new Applied(existing, Outcome.UNCHANGED, "the same change is already in force", state);
        }
        if (change.status() == ConsentStatus.WITHDRAWN) {
            if (existing != null && existing.withdrawn() && change.at().isBefore(existing.at())) {
                return new Applied(existing, Outcome.UNCHANGED, "already withdrawn since " + existing.at() + " ("
                        + existing.source() + ")", state);
            }
            return record(state, existing, change);
        }
        // a grant
        if (existing != null && existing.withdrawn()) {
            if (mode == WriteMode.IF_ABSENT || !freshProof(change)) {
                return new Applied(existing, Outcome.REFUSED, "a grant after a withdrawal needs the customer's fresh proof ("
                        + FRESH_SOURCES + ")", state);
            }
            if (!change.at().isAfter(existing.at())) {
                return new Applied(existing, Outcome.REFUSED, "the withdrawal in force is not before this grant ("
                        + change.at() + ")", state);
            }
            return record(state, existing, change);
        }
        if (suppressed != null && !freshProof(change)) {
            return new Applied(existing, Outcome.REFUSED, "the " + addressWord(change.channel()) + " is on the suppression list ("
                    + suppressed + "): a grant needs the customer's fresh proof (" + FRESH_SOURCES + ")", state);
        }
        if (existing == null) {
            return record(state, null, change);
        }
        // a grant over a grant
        if (mode == WriteMode.IF_ABSENT || change.at().isBefore(existing.at())) {
            return new Applied(existing, Outcome.UNCHANGED, "already granted at " + existing.at() + " ("
                    + existing.source() + ")", state);
        }
        return record(state, existing, change);
    }

    /** The sources whose grants count as fresh proof, for messages. */
    static final String FRESH_SOURCES = "SMS START, PREFERENCE_CENTER, DOUBLE_OPT_IN or KIOSK, with a proof";

    /** Whether the change is the customer's own fresh expression of consent (a source that proves it, and a proof). */
    public static boolean freshProof(ConsentChange change) {
        return change.source().provesFreshOptIn() && change.proof() != null && !change.proof().isBlank();
    }

    /**
     * Whether the record in force is this change again (a retry of it): same channel, purpose, status and source, and
     * the same proof (an inbound message id, a token, an event key: the retry of one expression of the customer's will
     * may carry a later receipt time), or, without a proof, the same time.
     */
    public static boolean sameContent(ConsentRecord record, ConsentChange change) {
        boolean same = record.channel() == change.channel() && record.purpose() == change.purpose()
                && record.status() == change.status() && record.source() == change.source();
        if (!same) {
            return false;
        }
        return record.proof() != null ? record.proof().equals(change.proof())
                : change.proof() == null && record.at().equals(change.at());
    }

    private static Applied record(ContextState state, ConsentRecord existing, ConsentChange change) {
        // what was in force before this status began: a repeated change from the same source keeps the earlier
        // "previous" (a second STOP must not forget that marketing was granted before the first)
        ConsentStatus previous = existing == null ? null
                : existing.status() != change.status() || existing.source() != change.source() ? existing.status() : existing.previous();
        ConsentRecord record = new ConsentRecord(change.channel(), change.purpose(), change.status(), change.source(),
                change.at(), change.proof(), previous);
        return new Applied(record, Outcome.APPLIED, null, state.withConsent(record));
    }

    private static String addressWord(Channel channel) {
        return switch (channel) {
            case EMAIL -> "email address";
            case SMS -> "phone number";
            default -> channel.name().toLowerCase(java.util.Locale.ROOT) + " address";
        };
    }

    /**
     * The consent changes an inbound SMS keyword means for this customer under the policy: STOP withdraws SMS consent
     * for each purpose in {@link ConsentPolicy#smsStopWithdraws()}; START undoes exactly what an SMS STOP withdrew
     * (transactional comes back; marketing only if it was granted before the STOP).
     */
    public static List<ConsentChange> smsKeywordChanges(ContextState current, String customerId, SmsKeyword keyword,
                                                        ConsentPolicy policy, String proof, Instant at) {
        ContextState state = current == null ? ContextState.empty(customerId) : current;
        List<ConsentChange> changes = new ArrayList<>(2);
        for (Purpose purpose : EnumSet.copyOf(policy.smsStopWithdraws())) {
            ConsentRecord existing = state.consent(Channel.SMS, purpose).orElse(null);
            if (keyword == SmsKeyword.STOP) {
                changes.add(new ConsentChange(customerId, Channel.SMS, purpose, ConsentStatus.WITHDRAWN,
                        ConsentSource.SMS_KEYWORD, proof, at));
            } else if (existing != null && existing.withdrawn() && existing.source() == ConsentSource.SMS_KEYWORD) {
                boolean restore = purpose == Purpose.TRANSACTIONAL || existing.previous() == ConsentStatus.GRANTED;
                if (restore) {
                    changes.add(new ConsentChange(customerId, Channel.SMS, purpose, ConsentStatus.GRANTED,
                            ConsentSource.SMS_KEYWORD, proof, at));
                }
            }
        }
        return changes;
    }
}
