package dev.touchpoint.context.internal;

import dev.touchpoint.context.ConsentChange;
import dev.touchpoint.context.ConsentPolicy;
import dev.touchpoint.context.ConsentUpdate;
import dev.touchpoint.context.SmsKeyword;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies consent changes to one customer, or works out and applies what an SMS keyword means for them, in one
 * atomic step ({@link ConsentRules}). The new state is marked as changing consent, so the MapStore writes it to the
 * database before the call returns (write-through): a STOP is on disk before it is acknowledged.
 */
final class ConsentProcessor extends ContextProcessor<ArrayList<ConsentUpdate>> {

    final List<ConsentChange> changes;
    /** The write mode of each change, same order as {@link #changes}. */
    final List<ConsentRules.WriteMode> modes;
    /** Why each change's address is on the suppression list, or null; same order as {@link #changes}. */
    final List<String> suppressed;
    /** When set, the changes are derived from this keyword inside the processor and {@link #changes} is empty. */
    final SmsKeyword keyword;
    final ConsentPolicy policy;
    final String proof;
    final Instant at;

    ConsentProcessor(List<ConsentChange> changes, List<ConsentRules.WriteMode> modes, List<String> suppressed) {
        this(List.copyOf(changes), List.copyOf(modes), new ArrayList<>(suppressed), null, null, null, null);
    }

    ConsentProcessor(SmsKeyword keyword, ConsentPolicy policy, String proof, Instant at) {
        this(List.of(), List.of(), List.of(), keyword, policy, proof, at);
    }

    ConsentProcessor(List<ConsentChange> changes, List<ConsentRules.WriteMode> modes, List<String> suppressed,
                     SmsKeyword keyword, ConsentPolicy policy, String proof, Instant at) {
        if (modes.size() != changes.size() || suppressed.size() != changes.size()) {
            throw new IllegalArgumentException("one write mode and one suppression entry per change");
        }
        this.changes = changes;
        this.modes = modes;
        this.suppressed = suppressed;
        this.keyword = keyword;
        this.policy = policy;
        this.proof = proof;
        this.at = at;
    }

    @Override
    public ArrayList<ConsentUpdate> process(Map.Entry<String, ContextState> entry) {
        ContextState state = entry.getValue();
        List<ConsentChange> toApply = keyword == null ? changes
                : ConsentRules.smsKeywordChanges(state, entry.getKey(), keyword, policy, proof, at);
        ArrayList<ConsentUpdate> updates = new ArrayList<>(toApply.size());
        boolean changed = false;
        for (int i = 0; i < toApply.size(); i++) {
            ConsentChange change = toApply.get(i);
            ConsentRules.WriteMode mode = keyword == null ? modes.get(i) : ConsentRules.WriteMode.LATEST_WINS;
            // an SMS keyword is the customer's own message: START is fresh proof, so the suppression list does not apply
            String suppressedBecause = keyword == null ? suppressed.get(i) : null;
            ConsentRules.Applied applied = ConsentRules.apply(state, change, mode, suppressedBecause);
            state = applied.state();
            changed |= applied.applied();
            updates.add(new ConsentUpdate(entry.getKey(), applied.inForce(), applied.outcome(), applied.detail()));
        }
        if (changed) {
            write(entry, state);
        }
        return updates;
    }
}
