package dev.touchpoint.context;

import dev.touchpoint.channel.Channel;

import java.time.Instant;
import java.util.Objects;

/**
 * The current consent of one customer for one channel and purpose, with its provenance.
 *
 * @param channel  the channel
 * @param purpose  marketing or transactional
 * @param status   granted or withdrawn
 * @param source   where the change came from
 * @param at       when the customer gave or withdrew it (not when we stored it)
 * @param proof    evidence such as the inbound STOP message id, the import file and line, or an API request id;
 *                 may be null
 * @param previous the status this record replaced, or null when there was none (lets START undo exactly what STOP did)
 */
public record ConsentRecord(
        Channel channel,
        Purpose purpose,
        ConsentStatus status,
        ConsentSource source,
        Instant at,
        String proof,
        ConsentStatus previous) {

    public ConsentRecord {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(at, "at");
    }

    public boolean granted() {
        return status == ConsentStatus.GRANTED;
    }

    public boolean withdrawn() {
        return status == ConsentStatus.WITHDRAWN;
    }
}
