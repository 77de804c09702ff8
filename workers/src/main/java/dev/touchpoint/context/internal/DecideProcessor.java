package dev.touchpoint.context.internal;

import dev.touchpoint.context.DecisionPolicy;
import dev.touchpoint.context.TouchpointDecision;
import dev.touchpoint.context.TouchpointRequest;

import java.time.Instant;
import java.util.Map;

/** The one atomic decision per send, on the owner of the customer's entry. */
final class DecideProcessor extends ContextProcessor<TouchpointDecision> {

    final TouchpointRequest request;
    final CustomerFacts facts;
    final DecisionPolicy policy;
    final Instant now;

    DecideProcessor(TouchpointRequest request, CustomerFacts facts, DecisionPolicy policy, Instant now) {
        this.request = request;
        this.facts = facts;
        this.policy = policy;
        this.now = now;
    }

    @Override
    public TouchpointDecision process(Map.Entry<String, ContextState> entry) {
        var outcome = TouchpointDecider.decide(entry.getValue(), request, facts, policy, now);
        write(entry, outcome.newState());
        return outcome.result();
    }
}
