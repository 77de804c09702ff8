package dev.touchpoint.delivery.internal;

import dev.touchpoint.brand.TemplateDescriptor;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.CustomerContext;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.TouchpointRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The order in which the best-channel task tries its channels: candidates are the task's {@code channels} header,
 * else the template's channels, kept when the template has them and an adapter serves them; ordered by the customer's
 * preferences, then the channel least recently used for this customer, with the fallback channel last.
 */
final class ChannelRanking {

    private final CustomerContextStore context;
    private final Set<Channel> configured;

    /** @param configured the channels an adapter serves */
    ChannelRanking(CustomerContextStore context, Set<Channel> configured) {
        this.context = context;
        this.configured = Set.copyOf(configured);
    }

    /** The channels to try, best first; empty when the task, the template and the adapters have none in common. */
    List<Channel> candidates(TouchpointJob job, TemplateDescriptor template) {
        Set<Channel> allowed = new LinkedHashSet<>();
        List<Channel> requested = job.settings().channels().isEmpty()
                ? template.channels().stream().map(c -> c).sorted().toList()
                : job.settings().channels();
        for (Channel channel : requested) {
            if (template.supports(channel) && configured.contains(channel)) {
                allowed.add(channel);
            }
        }
        Optional<CustomerContext> customer = context.findContext(job.customerId());
        List<Channel> preferred = customer.map(c -> c.profile().preferences().preferred()).orElse(List.of());
        Map<Channel, Instant> lastUsed = new HashMap<>();
        customer.ifPresent(c -> {
            for (TouchpointRecord record : c.touchpoints()) {
                if (record.counts()) {
                    lastUsed.merge(record.channel(), record.decidedAt(),
                            (a, b) -> a.isAfter(b) ? a : b);
                }
            }
        });
        Optional<Channel> fallback = job.settings().fallbackChannel();
        Comparator<Channel> order = Comparator
                .comparing((Channel c) -> fallback.filter(c::equals).isPresent())
                .thenComparing(c -> {
                    int index = preferred.indexOf(c);
                    return index < 0 ? Integer.MAX_VALUE : index;
                })
                .thenComparing(c -> lastUsed.getOrDefault(c, Instant.MIN));
        List<Channel> ordered = new ArrayList<>(allowed);
        ordered.sort(order);
        return ordered;
    }
}
