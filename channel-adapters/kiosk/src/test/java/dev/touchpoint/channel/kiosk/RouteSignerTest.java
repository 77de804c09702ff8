package dev.touchpoint.channel.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RouteSignerTest {

    private final RouteSigner ours = new RouteSigner("route-key-one".getBytes(StandardCharsets.UTF_8));
    private final RouteSigner theirs = new RouteSigner("route-key-two".getBytes(StandardCharsets.UTF_8));

    private static ObjectNode body() {
        ObjectNode body = new ObjectMapper().createObjectNode();
        body.put("t", "deliver");
        body.put("id", "s/k/1");
        return body;
    }

    @Test
    void aSignedMessageOpensAsSignedOnlyUnderTheSameKey() {
        String envelope = ours.sign(body());

        assertThat(ours.open(envelope)).hasValueSatisfying(o -> {
            assertThat(o.signed()).isTrue();
            assertThat(o.body().path("id").asText()).isEqualTo("s/k/1");
            assertThat(o.keyId()).isEqualTo(ours.keyId());
        });
        assertThat(theirs.open(envelope)).hasValueSatisfying(o -> {
            assertThat(o.signed()).isFalse();
            assertThat(o.keyId()).isEqualTo(ours.keyId()).isNotEqualTo(theirs.keyId());
        });
    }

    @Test
    void aChangedBodyLosesItsSignature() {
        String envelope = ours.sign(body()).replace("s/k/1", "s/k/2");
        assertThat(ours.open(envelope)).hasValueSatisfying(o -> assertThat(o.signed()).isFalse());
        assertThat(ours.open(ours.unsigned(body()))).hasValueSatisfying(o -> assertThat(o.signed()).isFalse());
    }

    @Test
    void garbageIsNotAnEnvelope() {
        assertThat(ours.open("hello")).isEmpty();
        assertThat(ours.open("{\"b\":\"[1]\"}")).isEmpty();
        assertThat(ours.open("{\"b\":\"{}\",\"s\":\"%%%\"}")).isEmpty();
        assertThat(ours.keyId()).hasSize(16).doesNotContain("route-key");
    }
}
