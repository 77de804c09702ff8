package dev.touchpoint.engine;

/** Which Zeebe engine the application talks to. The workers never see the difference. */
public enum EngineMode {
    /** A real Zeebe engine inside this JVM, in memory, with its gRPC gateway on a local port. */
    EMBEDDED,
    /** An existing Zeebe cluster (Camunda 8 Self-Managed or SaaS) reached by its network address. */
    REMOTE
}
