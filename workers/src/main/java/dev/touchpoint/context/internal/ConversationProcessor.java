package dev.touchpoint.context.internal;

import dev.touchpoint.context.ConversationOffer;
import dev.touchpoint.context.StorePresence;

import java.util.Map;

/** Records store presence (check-in, check-out) or the last offer of a channel. */
final class ConversationProcessor extends ContextProcessor<Boolean> {

    enum Kind { CHECK_IN, CHECK_OUT, OFFER }

    final Kind kind;
    final StorePresence presence;
    final ConversationOffer offer;

    ConversationProcessor(Kind kind, StorePresence presence, ConversationOffer offer) {
        this.kind = kind;
        this.presence = presence;
        this.offer = offer;
    }

    @Override
    public Boolean process(Map.Entry<String, ContextState> entry) {
        ContextState state = entry.getValue() == null ? ContextState.empty(entry.getKey()) : entry.getValue();
        ContextState next = switch (kind) {
            case CHECK_IN -> state.withPresence(presence);
            case CHECK_OUT -> state.presence() == null ? null : state.withPresence(null);
            case OFFER -> state.withOffer(offer);
        };
        write(entry, next == null ? null : next.unchangedConsent());
        return next != null;
    }
}
