package dev.touchpoint.channel;

/**
 * The answer scale of a survey screen on an in-store kiosk: the page draws one touch button per score, from
 * {@code min} to {@code max}, as faces when {@code faces} (CSAT), as numbers otherwise, and reports the tapped score as
 * {@link KioskAction#ANSWER} ({@link KioskSurveyAnswered}).
 *
 * @param metric {@code nps} (0-10), {@code csat} (1-5) or {@code ces} (1-7)
 * @param min    the lowest score
 * @param max    the highest score (at most 10, at most 11 buttons)
 * @param faces  draw faces instead of numbers (five buttons at most)
 */
public record KioskSurvey(String metric, int min, int max, boolean faces) {

    public KioskSurvey {
        Require.notBlank(metric, "metric");
        if (!metric.matches("[a-z]{2,10}")) {
            throw new IllegalArgumentException("metric must be a lower-case word such as csat");
        }
        if (min < 0 || max > 10 || min >= max) {
            throw new IllegalArgumentException("a kiosk survey scale runs from min to max within 0-10, min below max");
        }
        if (faces && max - min + 1 > 5) {
            throw new IllegalArgumentException("faces are drawn for at most five scores");
        }
    }

    public boolean contains(int score) {
        return score >= min && score <= max;
    }
}
