package dev.touchpoint.brand.internal.rules;

import dev.touchpoint.channel.Channel;
import dev.touchpoint.brand.RuleViolation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Voice rules: the brand speaks calmly. */
class VoiceRulesTest {

    private static Violations violations(Channel channel) {
        return new Violations("probe", "en", channel);
    }

    private static List<String> errors(Violations violations) {
        return violations.all().stream().filter(RuleViolation::isError).map(RuleViolation::rule).toList();
    }

    private static List<String> warnings(Violations violations) {
        return violations.all().stream().filter(v -> !v.isError()).map(RuleViolation::rule).toList();
    }

    @Test
    void more_exclamation_marks_than_the_brand_allows_is_a_warning() {
        Violations v = violations(Channel.SMS);
        VoiceRules.check("body", "Welcome! Great!", 1, v);
        VoiceRules.check("title", "Welcome！", 1, v);
        assertThat(v.all()).extracting(RuleViolation::field).containsExactly("body");
    }
}
