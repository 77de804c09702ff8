package dev.touchpoint.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The intervals against published values and against independent computations (direct variance, a bootstrap). */
class SurveyStatisticsTest {

    @Test
    void csatUsesTheWilsonIntervalAsPublished() {
        SurveyStatistics.Estimate half = SurveyStatistics.csat(5, 10);
        assertThat(half.value()).isEqualTo(50.0);
        assertThat(half.low()).isCloseTo(23.66, within(0.01));
        assertThat(half.high()).isCloseTo(76.34, within(0.01));
        // the textbook example 81 of 263 (Wilson 1927, as quoted by Newcombe 1998): 25.53% - 36.62%
        SurveyStatistics.Estimate example = SurveyStatistics.csat(81, 263);
        assertThat(example.low()).isCloseTo(25.53, within(0.01));
        assertThat(example.high()).isCloseTo(36.62, within(0.01));
        // no satisfied answer at all: the interval still has width (the normal approximation would say 0 - 0)
        SurveyStatistics.Estimate none = SurveyStatistics.csat(0, 10);
        assertThat(none.low()).isEqualTo(0.0);
        assertThat(none.high()).isCloseTo(27.75, within(0.01));
    }

    @Test
    void cesUsesStudentsTIntervalAndNeedsTwoAnswers() {
        SurveyStatistics.Estimate ces = SurveyStatistics.ces(1 + 2 + 3 + 4 + 5, 1 + 4 + 9 + 16 + 25, 5);
        assertThat(ces.value()).isEqualTo(3.0);
        // s = sqrt(2.5), t(0.975, 4) = 2.776445
        double half = 2.776445 * Math.sqrt(2.5) / Math.sqrt(5);
        assertThat(ces.low()).isCloseTo(3 - half, within(1e-5));
        assertThat(ces.high()).isCloseTo(3 + half, within(1e-5));
        SurveyStatistics.Estimate one = SurveyStatistics.ces(6, 36, 1);
        assertThat(one.value()).isEqualTo(6.0);
        assertThat(one.low()).isNull();
        assertThat(one.high()).isNull();
    }

    @Test
    void npsStandardErrorIsThatOfTheMeanOfPlusOneZeroMinusOne() {
        Random random = new Random(19);
        List<Integer> scores = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            scores.add(random.nextInt(11));
        }
        long promoters = scores.stream().filter(s -> s >= 9).count();
        long detractors = scores.stream().filter(s -> s <= 6).count();
        long passives = scores.size() - promoters - detractors;
        SurveyStatistics.Estimate nps = SurveyStatistics.nps(promoters, passives, detractors);

        // independently: each answer as +1 / 0 / -1, its mean and the standard error of that mean
        double[] values = scores.stream().mapToDouble(s -> s >= 9 ? 1 : s <= 6 ? -1 : 0).toArray();
        double mean = Arrays.stream(values).average().orElseThrow();
        double variance = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / values.length;
        double se = Math.sqrt(variance / values.length);
        assertThat(nps.value()).isCloseTo(100 * mean, within(1e-9));
        assertThat(nps.low()).isCloseTo(100 * (mean - 1.959963984540054 * se), within(1e-9));
        assertThat(nps.high()).isCloseTo(100 * (mean + 1.959963984540054 * se), within(1e-9));

        // and a percentile bootstrap of the same answers lands within a point of the analytic interval
        double[] resampled = new double[4000];
        for (int b = 0; b < resampled.length; b++) {
            double sum = 0;
            for (int i = 0; i < values.length; i++) {
                sum += values[random.nextInt(values.length)];
            }
            resampled[b] = 100 * sum / values.length;
        }
        Arrays.sort(resampled);
        assertThat(resampled[(int) (0.025 * resampled.length)]).isCloseTo(nps.low(), within(1.0));
        assertThat(resampled[(int) (0.975 * resampled.length)]).isCloseTo(nps.high(), within(1.0));
    }

    @Test
    void npsIntervalStaysWithinTheScale() {
        SurveyStatistics.Estimate all = SurveyStatistics.nps(3, 0, 0);
        assertThat(all.value()).isEqualTo(100.0);
        assertThat(all.high()).isEqualTo(100.0);
        assertThat(SurveyStatistics.nps(0, 0, 2).low()).isEqualTo(-100.0);
    }
}
