package dev.touchpoint.engine;

import io.camunda.zeebe.gateway.protocol.GatewayGrpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Backpressure of the embedded engine, as a broker applies it: while a reader of the engine's records (the ledger's
 * process history, above all) is more than {@code limit} records behind, calls that start new work (create an
 * instance, publish a message, broadcast a signal) are answered {@code RESOURCE_EXHAUSTED}, which every Touchpoint
 * client already treats as "try again shortly" (the campaign launcher waits a round, the ingress retries and then
 * answers 503 with Retry-After). Work already running goes on: job activations and completions pass, so the backlog
 * drains. Without it, records a slow reader has not read would fill the heap (issue 16.7, ADR-0023).
 */
public final class RecordBackpressureInterceptor implements ServerInterceptor {

    private static final Set<String> NEW_WORK = Set.of(
            GatewayGrpc.getCreateProcessInstanceMethod().getFullMethodName(),
            GatewayGrpc.getCreateProcessInstanceWithResultMethod().getFullMethodName(),
            GatewayGrpc.getPublishMessageMethod().getFullMethodName(),
            GatewayGrpc.getBroadcastSignalMethod().getFullMethodName());

    private final LongSupplier behind;
    private final long limit;

    /**
     * @param behind how many records the slowest reader has not read yet
     * @param limit  above this, new work is refused; 0 or less never refuses
     */
    public RecordBackpressureInterceptor(LongSupplier behind, long limit) {
        this.behind = behind;
        this.limit = limit;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (limit > 0 && NEW_WORK.contains(call.getMethodDescriptor().getFullMethodName())) {
            long unread = behind.getAsLong();
            if (unread > limit) {
                call.close(Status.RESOURCE_EXHAUSTED.withDescription("the embedded engine's records are " + unread
                        + " behind their readers (limit " + limit + ", touchpoint.engine.embedded.max-unread-records):"
                        + " try again shortly"), new Metadata());
                return new ServerCall.Listener<>() {
                };
            }
        }
        return next.startCall(call, headers);
    }
}
