package dev.touchpoint.brand;

import dev.touchpoint.channel.Channel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Survey templates: one definition, the issued answer links on every channel, the survey page in every locale. */
class SurveyTemplatesTest {

    private static final Pattern HREF = Pattern.compile("href=\"([^\"]+)\"");
    private final BrandDesignSystem brand = Brands.shipped();

    /** Links as the workers issue them on a development machine: http on loopback. */
    private static SurveyLinks links(SurveyMetric metric) {
        return SurveyLinks.of(metric, score -> "http://127.0.0.1:8080/s/abc.def/" + score, "http://127.0.0.1:8080/s/abc.def");
    }

    private RenderRequest request(String template, Channel channel, String locale, SurveyLinks links) {
        return RenderRequest.builder(template, channel).locale(locale).variables(Map.of("firstName", "Ada"))
                .unsubscribeToken("tok").surveyLinks(links).build();
    }

    @Test
    void the_email_carries_exactly_one_issued_link_per_score_even_on_http_and_other_http_links_stay_refused() {
        RenderedEmail email = brand.renderEmail(request("nps-survey", Channel.EMAIL, "de", links(SurveyMetric.NPS)));
        List<String> answers = HREF.matcher(email.html()).results().map(m -> m.group(1))
                .filter(h -> h.startsWith("http://127.0.0.1:8080/s/")).toList();
        assertThat(answers).hasSize(11).containsExactlyElementsOf(SurveyMetric.NPS.scores().stream()
                .map(s -> "http://127.0.0.1:8080/s/abc.def/" + s).toList());
        assertThat(email.category()).isEqualTo(Category.MARKETING);
        assertThat(email.listUnsubscribe()).isPresent();
        assertThat(email.text()).contains("http://127.0.0.1:8080/s/abc.def/10");

        // the exemption is for the issued links only: a link the template data brings must still be https
        RenderedEmail csat = brand.renderEmail(request("csat-survey", Channel.EMAIL, "en", links(SurveyMetric.CSAT)));
        assertThat(HREF.matcher(csat.html()).results().filter(m -> m.group(1).contains("/s/abc.def/")).count()).isEqualTo(5);
    }

    @Test
    void a_survey_without_links_or_with_links_for_another_scale_is_refused_naming_the_field() {
        assertThatThrownBy(() -> brand.render(request("nps-survey", Channel.SMS, "en", null)))
                .isInstanceOf(RenderException.class).hasMessageContaining("surveyLinks").hasMessageContaining("0-10");
        assertThatThrownBy(() -> brand.render(request("nps-survey", Channel.EMAIL, "en", links(SurveyMetric.CSAT))))
                .isInstanceOf(RenderException.class).hasMessageContaining("surveyLinks");
    }

    @Test
    void sms_asks_for_a_number_and_keeps_the_stop_opt_out_and_push_deep_links_to_the_survey_page() {
        for (String locale : brand.locales()) {
            RenderedSms sms = brand.renderSms(request("nps-survey", Channel.SMS, locale, links(SurveyMetric.NPS)));
            assertThat(sms.body()).as(locale).contains("0").contains("10").contains("STOP").doesNotContain("http");
            RenderedPush push = brand.renderPush(request("csat-survey", Channel.PUSH, locale, links(SurveyMetric.CSAT)));
            assertThat(push.deepLink().toString()).isEqualTo("http://127.0.0.1:8080/s/abc.def");
        }
    }

    @Test
    void the_survey_page_asks_thanks_and_explains_in_every_locale_with_everything_escaped() {
        for (String locale : brand.locales()) {
            RenderedPage question = brand.renderSurveyPage(new SurveyPage("csat-survey", Locale.forLanguageTag(locale),
                    SurveyPage.State.QUESTION, links(SurveyMetric.CSAT), null, null, null));
            assertThat(question.lang()).isEqualTo(locale);
            assertThat(question.html()).contains("lang=\"" + locale + "\"").doesNotContain("<script");
            Matcher hrefs = HREF.matcher(question.html());
            assertThat(hrefs.results().map(m -> m.group(1)).toList())
                    .containsExactly("http://127.0.0.1:8080/s/abc.def/1", "http://127.0.0.1:8080/s/abc.def/2",
                            "http://127.0.0.1:8080/s/abc.def/3", "http://127.0.0.1:8080/s/abc.def/4",
                            "http://127.0.0.1:8080/s/abc.def/5");
            RenderedPage thanks = brand.renderSurveyPage(new SurveyPage("csat-survey", Locale.forLanguageTag(locale),
                    SurveyPage.State.THANKS, null, 4, "/s/abc.def/comment", "\"><script>x</script>"));
            assertThat(thanks.html()).contains(locale.startsWith("zh") ? "（4）" : "(4)").contains("action=\"/s/abc.def/comment\"")
                    .contains("&quot;&gt;&lt;script&gt;").doesNotContain("<script>").contains("<textarea");
        }
        RenderedPage invalid = brand.renderSurveyPage(new SurveyPage(null, Locale.GERMAN, SurveyPage.State.INVALID,
                null, null, null, null));
        assertThat(invalid.html()).contains("Dieser Link ist nicht gültig.").doesNotContain("<form");
        RenderedPage again = brand.renderSurveyPage(new SurveyPage("nps-survey", Locale.forLanguageTag("zh-Hant-TW"),
                SurveyPage.State.ALREADY_ANSWERED, null, null, null, null));
        assertThat(again.lang()).isEqualTo("zh-Hant");
        assertThat(again.html()).contains("此調查已經回答過了");
    }

    @Test
    void the_csat_survey_has_a_kiosk_screen_with_the_question_in_every_locale_and_says_what_it_measures() {
        for (String locale : List.of("en", "de", "zh-Hans", "zh-Hant")) {
            RenderedKiosk kiosk = brand.renderKiosk(request("csat-survey", Channel.KIOSK, locale, links(SurveyMetric.CSAT)));
            assertThat(kiosk.survey()).as(locale).contains(SurveyMetric.CSAT);
            assertThat(kiosk.offer()).isEmpty();
            assertThat(kiosk.code()).isEmpty();
            assertThat(kiosk.html()).as(locale).startsWith("<section class=\"tp-kiosk\"").contains(kiosk.headline())
                    .doesNotContain("<a ").doesNotContain("/t/s/");
            assertThat(kiosk.category()).isEqualTo(Category.MARKETING);
        }
        assertThat(brand.renderKiosk(request("csat-survey", Channel.KIOSK, "en", links(SurveyMetric.CSAT))).headline())
                .isEqualTo("How satisfied are you with your order?");
        assertThat(brand.renderKiosk(request("csat-survey", Channel.KIOSK, "de", links(SurveyMetric.CSAT))).callToAction())
                .isEqualTo("Tippe unten auf ein Gesicht");
        assertThat(brand.renderKiosk(Brands.sample("store-greeting", Channel.KIOSK, "en")).survey())
                .as("not a survey").isEmpty();
    }

    @Test
    void a_survey_must_be_marketing_and_name_a_known_metric(@TempDir Path dir) {
        Path copy = Brands.copy(dir.resolve("a"));
        Brands.replace(copy, "templates/nps-survey/template.json", "\"category\": \"marketing\"", "\"category\": \"transactional\"");
        assertThatThrownBy(() -> BrandDesignSystem.fromDirectory(copy)).isInstanceOf(TemplateDefinitionException.class)
                .hasMessageContaining("templates/nps-survey/template.json").hasMessageContaining("marketing");
        Path other = Brands.copy(dir.resolve("b"));
        Brands.replace(other, "templates/csat-survey/template.json", "\"metric\": \"csat\"", "\"metric\": \"stars\"");
        assertThatThrownBy(() -> BrandDesignSystem.fromDirectory(other)).isInstanceOf(TemplateDefinitionException.class)
                .hasMessageContaining("templates/csat-survey/template.json").hasMessageContaining("stars");
    }
}
