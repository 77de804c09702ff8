package dev.touchpoint.brand;

import dev.touchpoint.channel.Channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The apology and make-good of the service-recovery journey (ADR-0030): on every channel it declares and in the four
 * locales it carries the code, the discount and the last day, and it is marketing (opt-out line, List-Unsubscribe).
 */
class ServiceRecoveryTemplateTest {

    private static final List<String> LOCALES = List.of("en", "de", "zh-Hans", "zh-Hant");

    private final BrandDesignSystem brand = Brands.shipped();

    @Test
    void is_a_marketing_template_on_email_sms_and_push_without_a_survey() {
        TemplateDescriptor descriptor = brand.descriptor("service-recovery").orElseThrow();
        assertThat(descriptor.category()).isEqualTo(Category.MARKETING);
        assertThat(descriptor.channels()).containsExactlyInAnyOrder(Channel.EMAIL, Channel.SMS, Channel.PUSH);
        assertThat(descriptor.survey()).isEmpty();
    }

    @Test
    void every_channel_and_locale_apologises_with_the_make_good_code() {
        for (String locale : LOCALES) {
            RenderedEmail email = brand.renderEmail(Brands.sample("service-recovery", Channel.EMAIL, locale));
            assertThat(email.html()).as(locale).contains("SORRY-15");
            assertThat(email.text()).as(locale).contains("SORRY-15");
            assertThat(email.listUnsubscribe()).as(locale + ": marketing email").isPresent();
            assertThat(email.category()).isEqualTo(Category.MARKETING);

            RenderedSms sms = brand.renderSms(Brands.sample("service-recovery", Channel.SMS, locale));
            assertThat(sms.body()).as(locale).contains("SORRY-15").contains("STOP");
            assertThat(sms.segments()).as(locale + " SMS segments").isLessThanOrEqualTo(2);

            RenderedPush push = brand.renderPush(Brands.sample("service-recovery", Channel.PUSH, locale));
            assertThat(push.body()).as(locale).contains("SORRY-15");
            assertThat(push.deepLink().toString()).isEqualTo("asteroak://offers/make-good?code=SORRY-15");
        }
        assertThat(brand.renderEmail(Brands.sample("service-recovery", Channel.EMAIL, "en")).subject())
                .isEqualTo("We are sorry, and we want to make it right");
        assertThat(brand.renderPush(Brands.sample("service-recovery", Channel.PUSH, "de")).body()).contains("15\u00A0%");
        assertThat(brand.renderSms(Brands.sample("service-recovery", Channel.SMS, "zh-Hant")).body())
                .contains("SORRY-15").contains("15%");
    }

    @Test
    void a_code_outside_the_pattern_is_refused() {
        Map<String, Object> variables = Brands.sampleVariables("service-recovery", "en");
        variables.put("offerCode", "<b>free</b>");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> brand.renderSms(RenderRequest
                        .builder("service-recovery", Channel.SMS).locale("en").variables(variables).build()))
                .isInstanceOf(RenderException.class).hasMessageContaining("offerCode");
    }
}
