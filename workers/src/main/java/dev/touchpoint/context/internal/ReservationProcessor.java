package dev.touchpoint.context.internal;

import java.time.Instant;
import java.util.Map;

/** Confirms or releases one reservation. */
final class ReservationProcessor extends ContextProcessor<Boolean> {

    final boolean confirm;
    final String idempotencyKey;
    /** The provider message id when confirming, the reason when releasing. */
    final String detail;
    final Instant now;

    ReservationProcessor(boolean confirm, String idempotencyKey, String detail, Instant now) {
        this.confirm = confirm;
        this.idempotencyKey = idempotencyKey;
        this.detail = detail;
        this.now = now;
    }

    @Override
    public Boolean process(Map.Entry<String, ContextState> entry) {
        var outcome = confirm
                ? TouchpointDecider.confirm(entry.getValue(), idempotencyKey, detail, now)
                : TouchpointDecider.release(entry.getValue(), idempotencyKey, detail, now);
        write(entry, outcome.newState());
        return outcome.result();
    }
}
