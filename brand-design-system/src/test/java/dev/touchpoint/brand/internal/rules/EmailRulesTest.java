package dev.touchpoint.brand.internal.rules;

import dev.touchpoint.channel.Channel;
import dev.touchpoint.brand.RuleViolation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Email rules: document, table layout, inlined CSS, no scripts, https images with alt, unsubscribe and address. */
class EmailRulesTest {

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
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>t</title><style>@media (prefers-color-scheme: dark){.x{color:#fff !important;}}</style></head>
            <body class="x" style="margin:0;">
            <div style="display:none;">Preheader text here</div>
            <table role="presentation" width="600"><tr><td style="color:#000;">Hello
            <img src="https://cdn.example/logo.png" width="140" alt="Logo">
            <a href="https://x.example/unsubscribe?t=1">Unsubscribe</a>
            <p style="margin:0;">Aster &amp; Oak GmbH, Torstra&szlig;e 109</p>
            </td></tr></table>
            </body>
            </html>
            """.replace("&szlig;", "ß");

    private Violations check(String html, boolean marketing) {
        Violations v = violations(Channel.EMAIL);
        EmailRules.check(new EmailRules.Email("Subject", "Preheader text here", html,
                "text https://x.example/unsubscribe?t=1 Aster & Oak GmbH, Torstraße 109", marketing,
                "https://x.example/unsubscribe?t=1", "Aster & Oak GmbH, Torstraße 109"), v);
        return v;
    }

    @Test
    void a_table_layout_document_with_inlined_css_passes() {
        assertThat(check(GOOD, true).all()).isEmpty();
    }

    @Test
    void scripts_event_handlers_and_script_urls_are_errors() {
        assertThat(errors(check(GOOD.replace("Hello", "Hello<script>alert(1)</script>"), false)))
                .contains("email.forbidden-element");
        assertThat(errors(check(GOOD.replace("<p style=\"margin:0;\">",
                "<p style=\"margin:0;\" onclick=\"alert(1)\">"), false))).contains("email.no-script");
        assertThat(errors(check(GOOD.replace("https://x.example/unsubscribe?t=1\">",
                "javascript:alert(1)\">"), false))).contains("email.no-script", "email.link-url");
    }

    @Test
    void forms_and_external_style_sheets_are_errors() {
        assertThat(errors(check(GOOD.replace("Hello", "<form action=\"https://x\"></form>"), false)))
                .contains("email.forbidden-element");
        assertThat(errors(check(GOOD.replace("<title>t</title>",
                "<title>t</title><link rel=\"stylesheet\" href=\"https://x/s.css\">"), false)))
                .contains("email.forbidden-element");
        assertThat(errors(check(GOOD.replace("@media", "@import url(https://x/s.css); @media"), false)))
                .contains("email.external-css");
    }

    @Test
    void images_need_https_and_alt_text() {
        assertThat(errors(check(GOOD.replace("https://cdn.example/logo.png", "http://cdn.example/logo.png"),
                false))).containsExactly("email.image-url");
        assertThat(errors(check(GOOD.replace(" alt=\"Logo\"", ""), false))).containsExactly("email.image-alt");
        assertThat(warnings(check(GOOD.replace(" width=\"140\"", ""), false))).containsExactly(
                "email.image-size");
    }

    @Test
    void the_document_needs_doctype_lang_charset_and_a_presentation_table() {
        assertThat(errors(check(GOOD.replace("<!DOCTYPE html>", ""), false))).containsExactly("email.doctype");
        assertThat(errors(check(GOOD.replace(" lang=\"en\"", ""), false))).containsExactly("email.lang");
        assertThat(errors(check(GOOD.replace("<meta charset=\"utf-8\">", ""), false)))
                .containsExactly("email.charset");
        assertThat(errors(check(GOOD.replace(" role=\"presentation\"", ""), false)))
                .containsExactly("email.table-layout");
    }

    @Test
    void unbalanced_markup_is_an_error() {
        assertThat(errors(check(GOOD.replace("</td></tr>", "</tr>"), false))).contains("email.well-formed");
        assertThat(errors(check(GOOD.replace("</table>", ""), false))).contains("email.well-formed");
    }

    @Test
    void classes_without_inline_style_and_css_layout() {
        assertThat(errors(check(GOOD.replace("<p style=\"margin:0;\">", "<p class=\"lead\">"), false)))
                .containsExactly("email.inline-css");
        assertThat(warnings(check(GOOD.replace("style=\"color:#000;\"", "style=\"display:flex;\""), false)))
                .containsExactly("email.layout-css");
    }

    @Test
    void marketing_mail_needs_its_unsubscribe_link_and_postal_address() {
        assertThat(errors(check(GOOD.replace("https://x.example/unsubscribe?t=1", "https://x.example/other"),
                true))).containsExactly("email.unsubscribe");
        assertThat(errors(check(GOOD.replace("Torstraße 109", "somewhere"), true)))
                .containsExactly("email.postal-address");
        assertThat(check(GOOD.replace("https://x.example/unsubscribe?t=1", "https://x.example/other"), false)
                .all()).isEmpty();
    }

    @Test
    void subject_preheader_and_text_alternative_are_required() {
        Violations v = violations(Channel.EMAIL);
        EmailRules.check(new EmailRules.Email(" ", " ", GOOD, " ", false, null, null), v);
        assertThat(errors(v)).contains("email.subject", "email.preheader", "email.text-alternative");
    }

    @Test
    void the_html_must_carry_the_preheader() {
        Violations v = violations(Channel.EMAIL);
        EmailRules.check(new EmailRules.Email("Subject", "Another preheader entirely", GOOD, "text", false,
                null, null), v);
        assertThat(errors(v)).containsExactly("email.preheader");
    }

    @Test
    void html_over_102_kb_warns_about_gmail_clipping() {
        String big = GOOD.replace("Hello", "Hello" + "x".repeat(EmailRules.GMAIL_CLIP_BYTES));
        assertThat(warnings(check(big, false))).containsExactly("email.size");
    }
}
