package dev.touchpoint.engine;

import java.util.Optional;

/** A Zeebe cluster outside this process: nothing to start or stop, only an address to report. */
final class RemoteEngineRuntime implements EngineRuntime {

    private final String gatewayAddress;

    RemoteEngineRuntime(String gatewayAddress) {
        this.gatewayAddress = gatewayAddress;
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
