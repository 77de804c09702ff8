package dev.touchpoint.context.internal;

import dev.touchpoint.context.ConsentChange;
import dev.touchpoint.context.ConsentPolicy;
import dev.touchpoint.context.ConsentRecord;
import dev.touchpoint.context.ConsentSource;
import dev.touchpoint.context.ConsentStatus;
import dev.touchpoint.context.ContactChannel;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.context.SmsKeyword;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/** How consent changes are applied to a customer's state. Pure functions, run inside entry processors. */
public final class ConsentRules {

    /** How a change treats an existing record. */
    public enum WriteMode {
        /** Applied unless the record in force is newer (changes are ordered by the time the customer expressed them). */
        LATEST_WINS,
        /** Applied only when there is no record for that channel and purpose. */
        IF_ABSENT
    }

    /** One applied or refused change and the state after it. */
    public record Applied(ConsentRecord inForce, boolean applied, ContextState state) {
    }

    private ConsentRules() {
    }

    public static Applied apply(ContextState current, ConsentChange change, WriteMode mode) {
        ContextState state = current == null ? ContextState.empty(change.customerId()) : current;
        ConsentRecord existing = state.consent(change.channel(), change.purpose()).orElse(null);
        if (existing != null) {
            boolean refused = mode == WriteMode.IF_ABSENT
                    || change.at().isBefore(existing.at())
                    || (existing.status() == change.status() && existing.at().equals(change.at()) && existing.source() == change.source());
            if (refused) {
                return new Applied(existing, false, state);
            }
        }
        // what was in force before this status began: a repeated change from the same source keeps the earlier
        // "previous" (a second STOP must not forget that marketing was granted before the first)
        ConsentStatus previous = existing == null ? null
                : existing.status() != change.status() || existing.source() != change.source() ? existing.status() : existing.previous();
        ConsentRecord record = new ConsentRecord(change.channel(), change.purpose(), change.status(), change.source(),
                change.at(), change.proof(), previous);
        return new Applied(record, true, state.withConsent(record));
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
            ConsentRecord existing = state.consent(ContactChannel.SMS, purpose).orElse(null);
            if (keyword == SmsKeyword.STOP) {
                changes.add(new ConsentChange(customerId, ContactChannel.SMS, purpose, ConsentStatus.WITHDRAWN,
                        ConsentSource.SMS_KEYWORD, proof, at));
            } else if (existing != null && existing.withdrawn() && existing.source() == ConsentSource.SMS_KEYWORD) {
                boolean restore = purpose == Purpose.TRANSACTIONAL || existing.previous() == ConsentStatus.GRANTED;
                if (restore) {
                    changes.add(new ConsentChange(customerId, ContactChannel.SMS, purpose, ConsentStatus.GRANTED,
                            ConsentSource.SMS_KEYWORD, proof, at));
                }
            }
        }
        return changes;
    }
}
