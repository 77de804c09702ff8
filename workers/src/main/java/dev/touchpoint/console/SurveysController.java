package dev.touchpoint.console;

import dev.touchpoint.survey.SurveyResults;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Surveys (marketing): every survey's score with its 95% interval, responses and response rate, and a chart per survey
 * of the score by ISO week sent with the interval's bounds (the figures of {@code GET /api/surveys/results}, ADR-0026).
 * Aggregates only.
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Controller
class SurveysController {

    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final Pattern SURVEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final SurveyResults results;

    SurveysController(SurveyResults results) {
        this.results = results;
    }

    @GetMapping("/console/surveys")
    String surveys(Model model) {
        List<SurveyResults.Result> overall = results.results(null, Set.of(), null, null);
        model.addAttribute("results", overall);
        return "console/surveys";
    }

    /** The chart of one survey: {@code t} (the Monday of each week sent, epoch seconds), score, ciLow, ciHigh. */
    @GetMapping(path = "/console/surveys/series", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, List<Object>> series(@RequestParam String survey) {
        if (!SURVEY.matcher(survey).matches()) {
            throw new IllegalArgumentException("survey: '" + survey + "' is not a survey template id");
        }
        List<SurveyResults.Result> weeks = new ArrayList<>(results.results(survey, EnumSet.of(SurveyResults.Dimension.WEEK),
                null, null));
        weeks.removeIf(r -> r.group().get("week") == null || !WEEK.matcher(r.group().get("week")).matches());
        weeks.sort(Comparator.comparing(r -> r.group().get("week")));
        Map<String, List<Object>> series = new LinkedHashMap<>();
        for (String name : List.of("t", "score", "ciLow", "ciHigh")) {
            series.put(name, new ArrayList<>());
        }
        for (SurveyResults.Result week : weeks) {
            series.get("t").add(monday(week.group().get("week")));
            series.get("score").add(week.score());
            series.get("ciLow").add(week.ciLow());
            series.get("ciHigh").add(week.ciHigh());
        }
        return series;
    }

    /** {@code 2026-W10} -> the epoch second of that week's Monday, 00:00 UTC. */
    static long monday(String isoWeek) {
        var matcher = WEEK.matcher(isoWeek);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not an ISO week: " + isoWeek);
        }
        return LocalDate.of(Integer.parseInt(matcher.group(1)), 1, 4)
                .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Integer.parseInt(matcher.group(2)))
                .with(DayOfWeek.MONDAY).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }
}
