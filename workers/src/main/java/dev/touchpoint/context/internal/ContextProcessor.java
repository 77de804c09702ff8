package dev.touchpoint.context.internal;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Base of the entry processors on the decision map. The primary runs {@link #process}; the backup replica does not
 * re-run the logic but receives the exact state the primary wrote ({@link ReplaceStateBackup}), so primary and backup
 * can never diverge. A processor instance serves one call only.
 */
abstract class ContextProcessor<R> implements EntryProcessor<String, ContextState, R> {

    private transient ContextState written;

    /** Sets the new state (write-through to the MapStore happens here when it changed consent). */
    protected final void write(Map.Entry<String, ContextState> entry, ContextState state) {
        if (state != null) {
            entry.setValue(state);
            written = state;
        }
    }

    @Override
    public EntryProcessor<String, ContextState, R> getBackupProcessor() {
        return written == null ? null : new ReplaceStateBackup<>(written);
    }
}
