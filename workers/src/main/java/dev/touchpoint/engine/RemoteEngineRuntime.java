package dev.touchpoint.engine;

import java.util.Optional;

/** A Zeebe cluster outside this process: nothing to start or stop, only an address to report. */
final class RemoteEngineRuntime implements EngineRuntime {

    private final String gatewayAddress;
    private final String identity;

    RemoteEngineRuntime(String gatewayAddress, String identity) {
        this.gatewayAddress = gatewayAddress;
        this.identity = identity == null ? "" : identity.strip();
    }

    @Override
    public String identity() {
        return identity;
    }

    @Override
    public EngineMode mode() {
        return EngineMode.REMOTE;
    }

    @Override
    public String gatewayAddress() {
        return gatewayAddress;
    }

    @Override
    public Optional<EngineClock> clock() {
        return Optional.empty();
    }

    @Override
    public Optional<RecordStream> records() {
        return Optional.empty();
    }
}
