package dev.touchpoint.ledger.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchpoint.context.ConsentRecord;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.ContextUnavailableException;
import dev.touchpoint.context.CustomerContext;
import dev.touchpoint.context.CustomerContextStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The consent in force for a customer and channel, as recorded with a decision: status, source and time in clear
 * (JSON, no personal data), the proofs apart (they go into the entry's encrypted personal fields).
 *
 * @param json   e.g. {@code {"customer":"known","consents":[{"channel":"SMS","purpose":"MARKETING","status":"WITHDRAWN","source":"SMS_KEYWORD","at":"..."}]}};
 *               {@code "customer"} is {@code unknown} when the context does not know them, {@code unavailable} when the
 *               context could not be read
 * @param proofs {@code consentProof.<CHANNEL>.<PURPOSE>} to the proof
 */
public record ConsentSnapshot(String json, Map<String, String> proofs) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads the snapshot from the context; never throws. */
    public static ConsentSnapshot of(CustomerContextStore contexts, String customerId, Channel channel) {
        if (contexts == null || customerId == null) {
            return status("unavailable");
        }
        Optional<CustomerContext> context;
        try {
            context = contexts.findContext(customerId);
        } catch (ContextUnavailableException | IllegalArgumentException e) {
            return status("unavailable");
        }
        if (context.isEmpty()) {
            return status("unknown");
        }
        Channel only = channel;
        List<ConsentRecord> records = context.get().consents().stream()
                .filter(r -> only == null || r.channel() == only)
                .sorted(Comparator.comparing(ConsentRecord::channel).thenComparing(ConsentRecord::purpose))
                .toList();
        ObjectNode root = JSON.createObjectNode();
        root.put("customer", "known");
        if (only != null) {
            root.put("channel", only.name());
        }
        ArrayNode consents = root.putArray("consents");
        Map<String, String> proofs = new TreeMap<>();
        for (ConsentRecord r : records) {
            ObjectNode node = consents.addObject();
            node.put("channel", r.channel().name());
            node.put("purpose", r.purpose().name());
            node.put("status", r.status().name());
            node.put("source", r.source().name());
            node.put("at", r.at().toString());
            if (r.proof() != null) {
                proofs.put("consentProof." + r.channel().name() + "." + r.purpose().name(), r.proof());
            }
        }
        return new ConsentSnapshot(write(root), proofs);
    }

    private static ConsentSnapshot status(String customer) {
        ObjectNode root = JSON.createObjectNode();
        root.put("customer", customer);
        return new ConsentSnapshot(write(root), Map.of());
    }


    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
