package dev.touchpoint.brand;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * What a survey template measures, and on which scale (the scale is fixed by the metric, so one survey renders the
 * same scale on every channel and every answer can be scored the same way).
 *
 * <ul>
 *   <li>{@link #NPS}: "How likely are you to recommend us?" 0-10; promoters 9-10, passives 7-8, detractors 0-6;</li>
 *   <li>{@link #CSAT}: "How satisfied were you?" 1-5 (faces on a kiosk); satisfied = 4 or 5;</li>
 *   <li>{@link #CES}: "How easy was it?" 1-7 (1 very difficult, 7 very easy).</li>
 * </ul>
 */
public enum SurveyMetric {
    NPS(0, 10),
    CSAT(1, 5),
    CES(1, 7);

    private final int min;
    private final int max;

    SurveyMetric(int min, int max) {
        this.min = min;
        this.max = max;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    /** Every score of the scale, lowest first. */
    public List<Integer> scores() {
        return IntStream.rangeClosed(min, max).boxed().toList();
    }

    public boolean contains(int score) {
        return score >= min && score <= max;
    }

    /** Lower-case identifier as written in {@code template.json}: {@code nps}, {@code csat}, {@code ces}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The NPS group of a score: promoter (9-10), passive (7-8), detractor (0-6); null for the other metrics. */
    public String npsGroup(int score) {
        if (this != NPS) {
            return null;
        }
        return score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";
    }

    /**
     * Whether a score is low enough to start service recovery (ADR-0030): an NPS detractor (0-6), CSAT 1-2 (dissatisfied;
     * 3 is neutral), CES 1-3 (the three "difficult" points below the neutral 4).
     */
    public boolean low(int score) {
        if (!contains(score)) {
            return false;
        }
        return switch (this) {
            case NPS -> score <= 6;
            case CSAT -> score <= 2;
            case CES -> score <= 3;
        };
    }

    public static SurveyMetric fromId(String id) {
        for (SurveyMetric metric : values()) {
            if (metric.id().equalsIgnoreCase(id == null ? "" : id.trim())) {
                return metric;
            }
        }
        throw new IllegalArgumentException("Unknown survey metric '" + id + "'; expected one of nps, csat, ces");
    }
}
