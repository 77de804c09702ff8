package dev.touchpoint.ingress.internal;

import dev.touchpoint.RepositoryPaths;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventRoutesTest {

    private static EventRoutes parse(String yaml) {
        return EventRoutes.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }

    @Test
    void theShippedRoutingFileIsValidAndRoutesTheJourneyMessages() {
        EventRoutes routes = EventRoutes.load(Path.of(RepositoryPaths.home()).resolve("config/event-routing.yaml"));

        assertThat(routes.find("customer.signed-up").orElseThrow().message()).isEqualTo("customer.signed-up");
        EventRoute shipped = routes.find("order.shipped").orElseThrow();
        assertThat(shipped.correlationDataField()).as("one journey per parcel").isEqualTo("trackingNumber");
        assertThat(shipped.requiredData()).contains("orderId");
        EventRoute checkIn = routes.find("store.checked-in").orElseThrow();
        assertThat(checkIn.context()).isEqualTo(EventRoute.ContextAction.CHECK_IN);
        assertThat(checkIn.requiredData()).contains("storeId");
        EventRoute consent = routes.find("consent.changed").orElseThrow();
        assertThat(consent.publishes()).isFalse();
        assertThat(consent.requiredData()).contains("channel", "purpose", "status");
    }

    @Test
    void defaultsAreCustomerIdAndOneHour() {
        EventRoute route = parse("routes:\n  app.installed:\n    message: app.installed\n").find("app.installed").orElseThrow();
        assertThat(route.correlation()).isEqualTo("customerId");
        assertThat(route.ttl()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void everyProblemIsListedAtOnce() {
        assertThatThrownBy(() -> parse("""
                routes:
                  Bad Type:
                    message: x
                  order.placed:
                    message: order.placed
                    correlation: orderId
                    ttl: 1h
                    colour: red
                  store.left:
                    context: teleport
                  noop.event: {}
                """))
                .isInstanceOf(EventRoutes.InvalidRoutingException.class)
                .hasMessageContaining("Bad Type: event type must be")
                .hasMessageContaining("order.placed: correlation must be customerId or data.<field>")
                .hasMessageContaining("order.placed: ttl must be an ISO-8601 duration")
                .hasMessageContaining("order.placed: unknown key 'colour'")
                .hasMessageContaining("store.left: context must be one of")
                .hasMessageContaining("noop.event: a route must publish a message or update the context");
    }

    @Test
    void aZeroTtlIsRefusedBecauseItWouldDisableDeduplication() {
        assertThatThrownBy(() -> parse("routes:\n  a.b:\n    message: a.b\n    ttl: PT0S\n"))
                .hasMessageContaining("ttl must be positive");
    }
}
