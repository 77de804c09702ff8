package dev.touchpoint.context.internal;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/** Runs on the backup replica: sets the state the primary computed. */
final class ReplaceStateBackup<R> implements EntryProcessor<String, ContextState, R> {

    final ContextState state;

    ReplaceStateBackup(ContextState state) {
        this.state = state;
    }

    @Override
    public R process(Map.Entry<String, ContextState> entry) {
        entry.setValue(state);
        return null;
    }

    @Override
    public EntryProcessor<String, ContextState, R> getBackupProcessor() {
        return null;
    }
}
