package dev.touchpoint.survey;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * The scores and their 95% confidence intervals (ADR-0026).
 *
 * <ul>
 *   <li>NPS = 100 x (promoters - detractors) / n. Each answer is +1 (promoter), 0 (passive) or -1 (detractor); NPS is
 *       100 x their mean, so its standard error is 100 x sqrt((p + d - (p - d)^2) / n) (the multinomial variance of
 *       that mean) and the interval NPS +- 1.96 SE, clipped to [-100, 100].</li>
 *   <li>CSAT = share of answers 4 or 5, in percent, with the Wilson score interval (good at small n and near 0 or
 *       100%, unlike the normal approximation).</li>
 *   <li>CES = mean score (1-7) with the Student t interval mean +- t(0.975, n - 1) x s / sqrt(n); none for n &lt; 2.</li>
 * </ul>
 */
public final class SurveyStatistics {

    static final double Z95 = 1.959963984540054;

    /** A score with its interval; low and high are null when n is too small for one. */
    public record Estimate(double value, Double low, Double high) {
    }

    private SurveyStatistics() {
    }

    public static Estimate nps(long promoters, long passives, long detractors) {
        long n = promoters + passives + detractors;
        if (n == 0) {
            throw new IllegalArgumentException("no answers");
        }
        double p = (double) promoters / n;
        double d = (double) detractors / n;
        double value = 100 * (p - d);
        double variance = Math.max(0, p + d - (p - d) * (p - d));
        double half = 100 * Z95 * Math.sqrt(variance / n);
        return new Estimate(value, Math.max(-100, value - half), Math.min(100, value + half));
    }

    public static Estimate csat(long satisfied, long n) {
        if (n == 0) {
            throw new IllegalArgumentException("no answers");
        }
        double p = (double) satisfied / n;
        double z2 = Z95 * Z95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return new Estimate(100 * p, 100 * Math.max(0, centre - half), 100 * Math.min(1, centre + half));
    }

    /** @param sum the sum of the scores, @param sumOfSquares the sum of their squares */
    public static Estimate ces(double sum, double sumOfSquares, long n) {
        if (n == 0) {
            throw new IllegalArgumentException("no answers");
        }
        double mean = sum / n;
        if (n < 2) {
            return new Estimate(mean, null, null);
        }
        double variance = Math.max(0, (sumOfSquares - n * mean * mean) / (n - 1));
        double half = new TDistribution(null, n - 1).inverseCumulativeProbability(0.975) * Math.sqrt(variance / n);
        return new Estimate(mean, mean - half, mean + half);
    }
}
