package dev.touchpoint.brand.internal.rules;

import dev.touchpoint.channel.Channel;
import dev.touchpoint.brand.RuleViolation;
import dev.touchpoint.channel.gsm.SmsSegmentCalculator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** SMS rules: sender named, opt-out wording on marketing, segment budget, UCS-2 look-alike warning. */
class SmsRulesTest {

    private static Violations violations(Channel channel) {
        return new Violations("probe", "en", channel);
    }

    private static List<String> errors(Violations violations) {
        return violations.all().stream().filter(RuleViolation::isError).map(RuleViolation::rule).toList();
    }

    private static List<String> warnings(Violations violations) {
        return violations.all().stream().filter(v -> !v.isError()).map(RuleViolation::rule).toList();
    }

    private Violations check(String body, int budget, boolean marketing) {
        Violations v = violations(Channel.SMS);
        SmsRules.check(body, SmsSegmentCalculator.analyse(body), budget, "Aster & Oak", marketing,
                "Reply STOP to opt out", v);
        return v;
    }

    @Test
    void a_short_branded_message_passes() {
        assertThat(check("Aster & Oak: your order shipped.", 1, false).all()).isEmpty();
        assertThat(check("Aster & Oak: 10% off.\nReply STOP to opt out", 1, true).all()).isEmpty();
    }

    @Test
    void the_segment_budget_is_an_error_naming_template_locale_and_field() {
        Violations v = check("Aster & Oak: " + "a".repeat(148), 1, false);
        assertThat(errors(v)).containsExactly("sms.segment-budget");
        RuleViolation violation = v.all().getFirst();
        assertThat(violation.templateId()).isEqualTo("probe");
        assertThat(violation.locale()).isEqualTo("en");
        assertThat(violation.channel()).isEqualTo(Channel.SMS);
        assertThat(violation.field()).isEqualTo("body");
        assertThat(violation.message()).contains("2 GSM-7 segments", "161 septets", "allows 1");
        assertThat(check("Aster & Oak: " + "a".repeat(147), 1, false).all()).isEmpty();
    }

    @Test
    void marketing_without_opt_out_wording_is_an_error() {
        assertThat(errors(check("Aster & Oak: 10% off today.", 2, true))).containsExactly("sms.opt-out");
    }

    @Test
    void a_message_that_does_not_name_the_brand_is_an_error() {
        assertThat(errors(check("Your order shipped.", 2, false))).containsExactly("sms.sender-identified");
    }

    @Test
    void typographic_characters_that_force_ucs2_are_a_warning() {
        Violations v = check("Aster & Oak: it\u2019s here \u2013 come by.", 2, false);
        assertThat(errors(v)).isEmpty();
        assertThat(warnings(v)).containsExactly("sms.ucs2-lookalike");
        assertThat(v.all().getFirst().message()).contains("U+2019", "U+2013");
    }

    @Test
    void chinese_text_is_ucs2_without_a_warning() {
        assertThat(check("【Aster & Oak】你的订单已发货。", 1, false).all()).isEmpty();
    }
}
