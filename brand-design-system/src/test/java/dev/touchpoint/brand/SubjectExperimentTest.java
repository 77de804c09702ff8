package dev.touchpoint.brand;

import dev.touchpoint.channel.Channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The win-back A/B experiment: variant B must really change the subject line, in every locale. */
class SubjectExperimentTest {

    private static final BrandDesignSystem BRAND = BrandDesignSystem.fromClasspath();

    @ParameterizedTest
    @ValueSource(strings = {"en", "de", "zh-Hans", "zh-Hant"})
    void variantBHasItsOwnSubject(String locale) {
        PreviewSample sample = BRAND.sample("winback-offer", locale).orElseThrow();
        String a = subject(sample, locale, Map.of());
        String b = subject(sample, locale, Map.of("subjectVariantB", true));
        String explicitA = subject(sample, locale, Map.of("subjectVariantB", false));

        assertThat(b).isNotEqualTo(a).contains(String.valueOf(sample.variables().get("offerPercent")));
        assertThat(explicitA).isEqualTo(a);
    }

    private static String subject(PreviewSample sample, String locale, Map<String, Object> extra) {
        Map<String, Object> variables = new HashMap<>(sample.variables());
        variables.putAll(extra);
        return BRAND.renderEmail(RenderRequest.builder("winback-offer", Channel.EMAIL).locale(locale).zone(sample.zone())
                .variables(variables).unsubscribeToken(sample.unsubscribeToken()).build()).subject();
    }
}
