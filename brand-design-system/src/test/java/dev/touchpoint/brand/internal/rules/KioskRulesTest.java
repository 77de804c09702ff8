package dev.touchpoint.brand.internal.rules;

import dev.touchpoint.channel.Channel;
import dev.touchpoint.brand.RuleViolation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Kiosk rules: a self-contained fragment that uses only tokens and bundled assets. */
class KioskRulesTest {

    private static Violations violations(Channel channel) {
        return new Violations("probe", "en", channel);
    }

    private static List<String> errors(Violations violations) {
        return violations.all().stream().filter(RuleViolation::isError).map(RuleViolation::rule).toList();
    }

    private static List<String> warnings(Violations violations) {
        return violations.all().stream().filter(v -> !v.isError()).map(RuleViolation::rule).toList();
    }

    private static final String GOOD = """
            <section class="tp-kiosk" lang="en">
            <style>.tp-kiosk{--tp-color-text:#1b1b1b;--tp-space:16px;}
            @media (prefers-color-scheme: dark){.tp-kiosk{--tp-color-text:#f2efea;}}
            .tp-kiosk .h{margin:0;padding:var(--tp-space);color:var(--tp-color-text);width:100%;line-height:1.2;}</style>
            <img src="data:image/svg+xml;base64,PHN2Zy8+" alt="Logo">
            <h1 class="h">Welcome</h1>
            </section>""";

    private Violations check(String html) {
        Violations v = violations(Channel.KIOSK);
        KioskRules.check(html, "Welcome", "Body", v);
        return v;
    }

    @Test
    void a_fragment_using_only_tokens_and_bundled_assets_passes() {
        assertThat(check(GOOD).all()).isEmpty();
    }

    @Test
    void external_resources_are_errors() {
        assertThat(errors(check(GOOD.replace("data:image/svg+xml;base64,PHN2Zy8+", "https://cdn.x/logo.png"))))
                .containsExactly("kiosk.self-contained");
        assertThat(errors(check(GOOD.replace("line-height:1.2;", "background:url(https://x/bg.png);"))))
                .containsExactly("kiosk.self-contained");
        assertThat(errors(check(GOOD.replace("<h1", "<a href=\"https://x\">x</a><h1"))))
                .contains("kiosk.forbidden-element", "kiosk.self-contained");
    }

    @Test
    void raw_colours_and_lengths_outside_custom_properties_are_errors() {
        assertThat(errors(check(GOOD.replace("color:var(--tp-color-text)", "color:#ff0000"))))
                .containsExactly("kiosk.tokens-only");
        assertThat(errors(check(GOOD.replace("padding:var(--tp-space)", "padding:24px"))))
                .containsExactly("kiosk.tokens-only");
        assertThat(errors(check(GOOD.replace("padding:var(--tp-space)", "padding:var(--tp-other, 24px)"))))
                .containsExactly("kiosk.tokens-only");
        assertThat(errors(check(GOOD.replace("<h1 class=\"h\">", "<h1 class=\"h\" style=\"color:rgb(1,2,3)\">"))))
                .containsExactly("kiosk.tokens-only");
    }

    @Test
    void scripts_and_documents_are_errors() {
        assertThat(errors(check(GOOD.replace("<h1", "<script>alert(1)</script><h1"))))
                .contains("kiosk.forbidden-element");
        assertThat(errors(check("<!DOCTYPE html><html lang=\"en\"><body>" + GOOD + "</body></html>")))
                .contains("kiosk.fragment", "kiosk.forbidden-element");
        assertThat(errors(check(GOOD + "<p>second root</p>"))).containsExactly("kiosk.fragment");
        assertThat(errors(check(GOOD.replace("<h1 class=\"h\">", "<h1 class=\"h\" onclick=\"x()\">"))))
                .containsExactly("kiosk.no-script");
    }

    @Test
    void an_empty_headline_is_an_error_and_long_copy_a_warning() {
        Violations empty = violations(Channel.KIOSK);
        KioskRules.check(GOOD, " ", "Body", empty);
        assertThat(errors(empty)).containsExactly("kiosk.headline");
        Violations longCopy = violations(Channel.KIOSK);
        KioskRules.check(GOOD, "h".repeat(61), "b".repeat(241), longCopy);
        assertThat(warnings(longCopy)).containsExactly("kiosk.headline", "kiosk.body");
    }
}
