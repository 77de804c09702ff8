package dev.touchpoint.brand;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The low scores that start service recovery (ADR-0030), on each metric's whole scale. */
class SurveyMetricTest {

    @Test
    void low_scores_are_nps_detractors_csat_one_and_two_and_ces_one_to_three() {
        assertThat(SurveyMetric.NPS.scores().stream().filter(SurveyMetric.NPS::low).toList())
                .isEqualTo(List.of(0, 1, 2, 3, 4, 5, 6));
        assertThat(SurveyMetric.NPS.scores().stream().filter(SurveyMetric.NPS::low)
                .allMatch(score -> "detractor".equals(SurveyMetric.NPS.npsGroup(score)))).isTrue();
        assertThat(SurveyMetric.CSAT.scores().stream().filter(SurveyMetric.CSAT::low).toList()).isEqualTo(List.of(1, 2));
        assertThat(SurveyMetric.CES.scores().stream().filter(SurveyMetric.CES::low).toList()).isEqualTo(List.of(1, 2, 3));
    }

    @Test
    void scores_off_the_scale_are_never_low() {
        assertThat(SurveyMetric.NPS.low(-1)).isFalse();
        assertThat(SurveyMetric.CSAT.low(0)).isFalse();
        assertThat(SurveyMetric.CES.low(0)).isFalse();
        assertThat(SurveyMetric.NPS.low(11)).isFalse();
    }
}
