package dev.touchpoint.delivery.internal;





import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.touchpoint.brand.BrandDesignSystem;
import dev.touchpoint.brand.TemplateDescriptor;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.ChannelPreferences;
import dev.touchpoint.context.CustomerContext;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.CustomerProfile;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.context.TouchpointRecord;
import dev.touchpoint.context.TouchpointStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The order in which the best-channel task tries its channels ({@link ChannelRanking}): only channels the
 * task lists, the template has and an adapter serves; the customer's preferences first, then the channel least
 * recently used for this customer, the fallback channel always last. End to end: {@code TouchpointJourneysIT}
 * (order-shipped) and the scenario {@code order-shipped-best-channel}.
 */
class BestChannelRankingTest {

    private static final BrandDesignSystem BRAND = BrandDesignSystem.fromClasspath();
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final TemplateDescriptor ORDER_SHIPPED = BRAND.descriptor("order-shipped").orElseThrow();
    private static final TemplateDescriptor STORE_GREETING = BRAND.descriptor("store-greeting").orElseThrow();

    private final CustomerContextStore context = mock(CustomerContextStore.class);
    private final ChannelRanking ranking = new ChannelRanking(context, EnumSet.of(Channel.EMAIL, Channel.SMS, Channel.PUSH));

    @Test
    void withoutPreferenceOrHistoryTheTasksOrderHolds() {
        customer(List.of());
        assertThat(rank(Map.of("channels", "push,sms"), ORDER_SHIPPED)).containsExactly(Channel.PUSH, Channel.SMS);
        assertThat(rank(Map.of("channels", "sms,push"), ORDER_SHIPPED)).containsExactly(Channel.SMS, Channel.PUSH);
    }

    @Test
    void theCustomersPreferenceComesFirst() {
        customer(List.of(Channel.SMS, Channel.EMAIL));
        assertThat(rank(Map.of("channels", "push,email,sms"), ORDER_SHIPPED))
                .containsExactly(Channel.SMS, Channel.EMAIL, Channel.PUSH);
    }

    @Test
    void amongEquallyPreferredChannelsTheOneLeastRecentlyUsedComesFirst() {
        customer(List.of(), sent(Channel.PUSH, NOW.minusSeconds(600)), sent(Channel.SMS, NOW.minusSeconds(7200)));
        assertThat(rank(Map.of("channels", "push,sms,email"), ORDER_SHIPPED))
                .containsExactly(Channel.EMAIL, Channel.SMS, Channel.PUSH);
    }

    @Test
    void aReleasedOrSuppressedTouchpointDoesNotCountAsUse() {
        customer(List.of(), record(Channel.PUSH, NOW.minusSeconds(60), TouchpointStatus.RELEASED));
        assertThat(rank(Map.of("channels", "push,sms"), ORDER_SHIPPED)).containsExactly(Channel.PUSH, Channel.SMS);
    }

    @Test
    void theFallbackChannelIsTriedLastEvenWhenPreferred() {
        customer(List.of(Channel.EMAIL));
        assertThat(rank(Map.of("channels", "email,push,sms", "fallbackChannel", "email"), ORDER_SHIPPED))
                .containsExactly(Channel.PUSH, Channel.SMS, Channel.EMAIL);
    }

    @Test
    void onlyChannelsTheTemplateHasAndAnAdapterServesAreCandidates() {
        customer(List.of());
        // store-greeting has kiosk and push; no kiosk adapter here; no channels header: the template's own
        assertThat(rank(Map.of(), STORE_GREETING)).containsExactly(Channel.PUSH);
        assertThat(rank(Map.of("channels", "sms,email"), STORE_GREETING)).isEmpty();
    }

    private List<Channel> rank(Map<String, String> headers, TemplateDescriptor template) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("templateId", template.id());
        TouchpointJob job = new TouchpointJob(1, 100, 200, "order-shipped", 1, "notify-shipping", 3, TaskSettings.parse(all),
                new TouchpointVariables("c-1", Map.of(), null, null, null));
        return ranking.candidates(job, template);
    }

    private void customer(List<Channel> preferred, TouchpointRecord... history) {
        CustomerProfile profile = new CustomerProfile("c-1", "Mia", "Berg", null, ZoneOffset.UTC, "mia@example.com",
                "+4915100000001", List.of("device-1"), null, null, Map.of(), new ChannelPreferences(preferred, null), null);
        when(context.findContext("c-1")).thenReturn(Optional.of(new CustomerContext(profile, List.of(),
                new ArrayList<>(List.of(history)), List.of(), Optional.empty())));
    }

    private static TouchpointRecord sent(Channel channel, Instant at) {
        return record(channel, at, TouchpointStatus.CONFIRMED);
    }

    private static TouchpointRecord record(Channel channel, Instant at, TouchpointStatus status) {
        return new TouchpointRecord("k-" + channel + at, channel, Purpose.TRANSACTIONAL, "order-shipped:1", "order-shipped@1.0.0",
                status, null, null, at, at, null, null, null, null);
    }
}
