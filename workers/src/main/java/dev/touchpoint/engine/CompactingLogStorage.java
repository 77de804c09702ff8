package dev.touchpoint.engine;

import io.camunda.zeebe.logstreams.storage.LogStorage;
import io.camunda.zeebe.logstreams.storage.LogStorageReader;
import io.camunda.zeebe.util.buffer.BufferWriter;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The embedded engine's log, in memory like the engine library's own, with one difference: blocks every reader has
 * passed are released ({@link #compactBelow}), so the log holds what is still to be processed or read, not every
 * record since the start (issue 16.7, ADR-0015). A broker does the same with its snapshots and log compaction.
 *
 * <p>Blocks are keyed by the lowest position they hold; a reader walks the keys in order, so blocks removed below it
 * never disturb it. Only blocks whose highest position is below the bound are removed: the block holding the bound
 * stays, and a reader seeking to a released position starts at the oldest block kept.
 */
public final class CompactingLogStorage implements LogStorage {

    private record Block(long highestPosition, ByteBuffer data) {}

    private final ConcurrentSkipListMap<Long, Block> blocks = new ConcurrentSkipListMap<>();
    private final Set<CommitListener> commitListeners = new CopyOnWriteArraySet<>();
    private final AtomicLong index = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong released = new AtomicLong();

    @Override
    public LogStorageReader newReader() {
        return new Reader();
    }

    @Override
    public void append(long lowestPosition, long highestPosition, BufferWriter writer, AppendListener listener) {
        ByteBuffer buffer = ByteBuffer.allocate(writer.getLength());
        writer.write(new UnsafeBuffer(buffer), 0);
        append(lowestPosition, highestPosition, buffer, listener);
    }

    @Override
    public void append(long lowestPosition, long highestPosition, ByteBuffer buffer, AppendListener listener) {
        blocks.put(lowestPosition, new Block(highestPosition, buffer));
        bytes.addAndGet(buffer.remaining());
        long written = index.incrementAndGet();
        listener.onWrite(written, highestPosition);
        listener.onCommit(written, highestPosition);
        commitListeners.forEach(CommitListener::onCommit);
    }

    @Override
    public void addCommitListener(CommitListener listener) {
        commitListeners.add(listener);
    }

    @Override
    public void removeCommitListener(CommitListener listener) {
        commitListeners.remove(listener);
    }

    /** Releases every block whose records are all below {@code position}; returns how many blocks were released. */
    public int compactBelow(long position) {
        int removed = 0;
        for (Map.Entry<Long, Block> entry = blocks.firstEntry(); entry != null && entry.getValue().highestPosition() < position;
             entry = blocks.firstEntry()) {
            if (blocks.remove(entry.getKey(), entry.getValue())) {
                bytes.addAndGet(-entry.getValue().data().remaining());
                removed++;
            }
        }
        released.addAndGet(removed);
        return removed;
    }

    /** Blocks held now. */
    public int blocks() {
        return blocks.size();
    }

    /** Bytes of the blocks held now. */
    public long bytes() {
        return bytes.get();
    }

    /** Blocks released since the start. */
    public long released() {
        return released.get();
    }

    private final class Reader implements LogStorageReader {
        /** The key of the next block to return; null before the first seek or read (start at the oldest block). */
        private Long next;

        @Override
        public void seek(long position) {
            Long below = blocks.lowerKey(position);
            next = below != null ? below : blocks.isEmpty() ? null : blocks.firstKey();
            if (next == null) {
                next = Long.MIN_VALUE;
            }
        }

        @Override
        public boolean hasNext() {
            return nextEntry() != null;
        }

        @Override
        public DirectBuffer next() {
            Map.Entry<Long, Block> entry = nextEntry();
            if (entry == null) {
                throw new NoSuchElementException();
            }
            next = entry.getKey() + 1;
            return new UnsafeBuffer(entry.getValue().data());
        }

        private Map.Entry<Long, Block> nextEntry() {
            return next == null ? blocks.firstEntry() : blocks.ceilingEntry(next);
        }

        @Override
        public void close() {
        }
    }
}
