package dev.touchpoint.engine;

/** Where the embedded engine keeps its state (ADR-0015). Neither survives a restart: the engine's log is in memory. */
public enum EmbeddedEngineState {
    /** RocksDB in a temporary directory, deleted at stop: the store of a real broker; scans cost what they read. */
    ROCKSDB,
    /** The engine library's in-memory store: every prefix scan copies the whole state, so it slows down with size. */
    MEMORY
}
