package dev.touchpoint.brand;

import java.net.URI;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * The links a survey touchpoint carries, issued by the workers (signed, single-use, expiring; the brand design system
 * never makes them up): one answer link per score of the scale, and the survey page (the push deep link, and the page
 * that offers the whole scale). They point at Touchpoint's own public address, which the operator configures; unlike
 * the links a template writes they may be {@code http} on a development machine, so the channel rules accept exactly
 * these URLs whatever their scheme.
 *
 * @param answers one absolute http(s) URL per score
 * @param page    the survey page, absolute http(s)
 */
public record SurveyLinks(Map<Integer, String> answers, String page) {

    public SurveyLinks {
        Objects.requireNonNull(answers, "answers");
        answers = Collections.unmodifiableMap(new TreeMap<>(answers));
        answers.values().forEach(SurveyLinks::requireUrl);
        requireUrl(page);
    }

    /** Links built from a pattern with {@code {score}} (previews, tests). */
    public static SurveyLinks of(SurveyMetric metric, IntFunction<String> answer, String page) {
        Map<Integer, String> answers = new TreeMap<>();
        for (int score : metric.scores()) {
            answers.put(score, answer.apply(score));
        }
        return new SurveyLinks(answers, page);
    }

    /** Whether every score of the metric has its link. */
    public boolean covers(SurveyMetric metric) {
        return answers.keySet().containsAll(metric.scores());
    }

    private static void requireUrl(String url) {
        try {
            URI uri = new URI(Objects.requireNonNull(url, "survey link"));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException("survey link '" + url + "' must be an absolute http(s) URL");
            }
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("survey link is not a URL: " + e.getMessage());
        }
    }
}
