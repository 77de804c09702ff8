package dev.touchpoint.brand.internal.rules;

import dev.touchpoint.channel.Channel;
import dev.touchpoint.brand.RuleViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Push rules: title and body lengths, 4 KB payload, deep link scheme, https images. */
class PushRulesTest {

    private static Violations violations(Channel channel) {
        return new Violations("probe", "en", channel);
    }

    private static List<String> errors(Violations violations) {
        return violations.all().stream().filter(RuleViolation::isError).map(RuleViolation::rule).toList();
    }

    private static List<String> warnings(Violations violations) {
        return violations.all().stream().filter(v -> !v.isError()).map(RuleViolation::rule).toList();
    }

    private Violations check(String title, String body, String deepLink, String image, int payloadBytes) {
        Violations v = violations(Channel.PUSH);
        PushRules.check(title, body, deepLink, image, payloadBytes, Set.of("asteroak", "https"), v);
        return v;
    }

    @Test
    void a_normal_notification_passes() {
        assertThat(check("Your order is on its way", "It arrives Tuesday.", "asteroak://orders/1",
                "https://cdn.example/i.jpg", 400).all()).isEmpty();
    }

    @Test
    void title_length_warns_above_40_and_fails_above_65() {
        assertThat(check("t".repeat(40), "b", "asteroak://x", null, 100).all()).isEmpty();
        assertThat(warnings(check("t".repeat(41), "b", "asteroak://x", null, 100)))
                .containsExactly("push.title-length");
        assertThat(warnings(check("t".repeat(65), "b", "asteroak://x", null, 100)))
                .containsExactly("push.title-length");
        assertThat(errors(check("t".repeat(66), "b", "asteroak://x", null, 100)))
                .containsExactly("push.title-length");
    }

    @Test
    void body_length_warns_above_178_and_fails_above_240() {
        assertThat(check("t", "b".repeat(178), "asteroak://x", null, 100).all()).isEmpty();
        assertThat(warnings(check("t", "b".repeat(179), "asteroak://x", null, 100)))
                .containsExactly("push.body-length");
        assertThat(errors(check("t", "b".repeat(241), "asteroak://x", null, 100)))
                .containsExactly("push.body-length");
    }

    @Test
    void lengths_count_characters_not_utf16_units() {
        assertThat(check("😜".repeat(40), "b", "asteroak://x", null, 100).all()).isEmpty();
    }

    @Test
    void the_payload_must_fit_in_4_kb() {
        assertThat(check("t", "b", "asteroak://x", null, 4096).all()).isEmpty();
        assertThat(errors(check("t", "b", "asteroak://x", null, 4097))).containsExactly("push.payload-size");
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "http://insecure.example/x", "otherapp://x", "not a uri"})
    void deep_links_must_use_the_app_scheme_or_https(String link) {
        assertThat(errors(check("t", "b", link, null, 100))).containsExactly("push.deep-link");
    }

    @Test
    void images_must_be_https_and_fields_not_empty() {
        assertThat(errors(check("t", "b", "https://x.example", "http://cdn.example/i.jpg", 100)))
                .containsExactly("push.image");
        assertThat(errors(check(" ", "", "https://x.example", null, 100))).containsExactly("push.title",
                "push.body");
    }
}
