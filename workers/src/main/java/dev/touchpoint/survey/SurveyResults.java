package dev.touchpoint.survey;

import dev.touchpoint.brand.SurveyMetric;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Survey results: NPS, CSAT and CES with response counts, response rates and 95% confidence intervals
 * ({@link SurveyStatistics}), per survey and any of journey, touchpoint, channel, locale and week. A survey counts
 * where it was sent (its channel is the one it was asked on, its week the ISO week it was sent in, UTC); the response
 * rate is answers / surveys sent. The rows are streamed from {@code survey_invitation} and folded into one counter per
 * group, so memory grows with the number of groups, not of answers.
 */
public class SurveyResults {

    /** What results can be grouped by, besides the survey. */
    public enum Dimension {
        JOURNEY("journey"), TOUCHPOINT("touchpoint"), CHANNEL("channel"), LOCALE("locale"), WEEK("week");

        private final String id;

        Dimension(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Dimension parse(String value) {
            for (Dimension d : values()) {
                if (d.id.equalsIgnoreCase(value.strip())) {
                    return d;
                }
            }
            throw new IllegalArgumentException("unknown dimension '" + value + "'; group by any of journey, touchpoint,"
                    + " channel, locale, week");
        }
    }

    /**
     * One group's result. {@code score} is NPS (-100..100), CSAT (% satisfied) or CES (mean 1-7); score and interval
     * are null without answers. {@code counts}: promoters/passives/detractors (NPS), satisfied (CSAT).
     */
    public record Result(String survey, Map<String, String> group, String metric, long sent, long responses,
                         Double responseRate, Double score, Double ciLow, Double ciHigh, Map<String, Long> counts) {
    }

    private final JdbcTemplate jdbc;

    public SurveyResults(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * @param survey only this survey, or null for all
     * @param from   surveys sent at or after (inclusive), or null
     * @param to     surveys sent before (exclusive), or null
     */
    public List<Result> results(String survey, Set<Dimension> groupBy, Instant from, Instant to) {
        Set<Dimension> dimensions = groupBy.isEmpty() ? EnumSet.noneOf(Dimension.class) : EnumSet.copyOf(groupBy);
        StringBuilder sql = new StringBuilder("SELECT survey, metric, journey, measures, channel, locale, sent_at, score"
                + " FROM survey_invitation WHERE sent_at IS NOT NULL");
        List<Object> args = new ArrayList<>();
        if (survey != null) {
            sql.append(" AND survey = ?");
            args.add(survey);
        }
        if (from != null) {
            sql.append(" AND sent_at >= ?");
            args.add(SurveyInvitations.ts(from));
        }
        if (to != null) {
            sql.append(" AND sent_at < ?");
            args.add(SurveyInvitations.ts(to));
        }
        Map<List<String>, Tally> groups = new TreeMap<>(SurveyResults::compare);
        jdbc.query(sql.toString(), rs -> {
            String surveyId = rs.getString("survey");
            SurveyMetric metric = SurveyMetric.fromId(rs.getString("metric"));
            Instant sentAt = SurveyInvitations.instant(rs, "sent_at");
            List<String> key = new ArrayList<>();
            key.add(surveyId);
            for (Dimension d : dimensions) {
                key.add(switch (d) {
                    case JOURNEY -> journeyId(rs.getString("journey"));
                    case TOUCHPOINT -> orEmpty(rs.getString("measures"));
                    case CHANNEL -> rs.getString("channel").toLowerCase(Locale.ROOT);
                    case LOCALE -> rs.getString("locale");
                    case WEEK -> week(sentAt);
                });
            }
            int score = rs.getInt("score");
            Integer answer = rs.wasNull() ? null : score;
            groups.computeIfAbsent(key, k -> new Tally(metric)).add(answer);
        }, args.toArray());
        List<Result> results = new ArrayList<>();
        groups.forEach((key, tally) -> {
            Map<String, String> group = new LinkedHashMap<>();
            int i = 1;
            for (Dimension d : dimensions) {
                group.put(d.id(), key.get(i++));
            }
            results.add(tally.result(key.getFirst(), group));
        });
        return results;
    }

    /** {@code order-shipped:3} -> {@code order-shipped}: results follow a journey across its versions. */
    static String journeyId(String journey) {
        if (journey == null) {
            return "";
        }
        int colon = journey.lastIndexOf(':');
        return colon > 0 ? journey.substring(0, colon) : journey;
    }

    static String week(Instant at) {
        var date = at.atZone(ZoneOffset.UTC).toLocalDate();
        return String.format(Locale.ROOT, "%d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static int compare(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** The counts of one group. */
    static final class Tally {
        final SurveyMetric metric;
        long sent;
        long responses;
        long promoters;
        long passives;
        long detractors;
        long satisfied;
        double sum;
        double sumOfSquares;

        Tally(SurveyMetric metric) {
            this.metric = metric;
        }

        void add(Integer score) {
            sent++;
            if (score == null) {
                return;
            }
            responses++;
            sum += score;
            sumOfSquares += (double) score * score;
            switch (metric) {
                case NPS -> {
                    if (score >= 9) {
                        promoters++;
                    } else if (score >= 7) {
                        passives++;
                    } else {
                        detractors++;
                    }
                }
                case CSAT -> satisfied += score >= 4 ? 1 : 0;
                case CES -> {
                }
            }
        }

        Result result(String survey, Map<String, String> group) {
            Map<String, Long> counts = new LinkedHashMap<>();
            SurveyStatistics.Estimate estimate = null;
            switch (metric) {
                case NPS -> {
                    counts.put("promoters", promoters);
                    counts.put("passives", passives);
                    counts.put("detractors", detractors);
                    estimate = responses == 0 ? null : SurveyStatistics.nps(promoters, passives, detractors);
                }
                case CSAT -> {
                    counts.put("satisfied", satisfied);
                    estimate = responses == 0 ? null : SurveyStatistics.csat(satisfied, responses);
                }
                case CES -> estimate = responses == 0 ? null : SurveyStatistics.ces(sum, sumOfSquares, responses);
            }
            return new Result(survey, group, metric.id(), sent, responses, sent == 0 ? null : (double) responses / sent,
                    estimate == null ? null : estimate.value(), estimate == null ? null : estimate.low(),
                    estimate == null ? null : estimate.high(), counts);
        }
    }
}
