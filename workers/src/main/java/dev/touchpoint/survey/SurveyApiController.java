package dev.touchpoint.survey;

import java.io.IOException;
import java.io.StringWriter;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Survey results for marketing (ADR-0026): {@code GET /api/surveys/results} (JSON) and
 * {@code GET /api/surveys/results.csv}, both with {@code survey}, {@code groupBy} (comma-separated: journey,
 * touchpoint, channel, locale, week), {@code from} and {@code to} (dates, UTC; {@code to} exclusive). Aggregates only:
 * no customer ids, no comments.
 */
@RestController
class SurveyApiController {

    private final SurveyResults results;

    SurveyApiController(SurveyResults results) {
        this.results = results;
    }

    @GetMapping(path = "/api/surveys/results", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> json(@RequestParam(required = false) String survey, @RequestParam(required = false) String groupBy,
                             @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return Map.of("groupBy", dimensions(groupBy).stream().map(SurveyResults.Dimension::id).toList(),
                "results", query(survey, groupBy, from, to));
    }

    @GetMapping(path = "/api/surveys/results.csv", produces = "text/csv")
    ResponseEntity<String> csv(@RequestParam(required = false) String survey, @RequestParam(required = false) String groupBy,
                               @RequestParam(required = false) String from, @RequestParam(required = false) String to)
            throws IOException {
        Set<SurveyResults.Dimension> dimensions = dimensions(groupBy);
        List<String> header = new ArrayList<>();
        header.add("survey");
        dimensions.forEach(d -> header.add(d.id()));
        header.addAll(List.of("metric", "sent", "responses", "response_rate", "score", "ci95_low", "ci95_high",
                "promoters", "passives", "detractors", "satisfied"));
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (SurveyResults.Result r : query(survey, groupBy, from, to)) {
                List<Object> row = new ArrayList<>();
                row.add(r.survey());
                dimensions.forEach(d -> row.add(r.group().get(d.id())));
                row.add(r.metric());
                row.add(r.sent());
                row.add(r.responses());
                row.add(number(r.responseRate()));
                row.add(number(r.score()));
                row.add(number(r.ciLow()));
                row.add(number(r.ciHigh()));
                for (String count : List.of("promoters", "passives", "detractors", "satisfied")) {
                    row.add(r.counts().containsKey(count) ? r.counts().get(count) : "");
                }
                csv.printRecord(row);
            }
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"survey-results.csv\"")
                .body(out.toString());
    }

    private List<SurveyResults.Result> query(String survey, String groupBy, String from, String to) {
        return results.results(survey == null || survey.isBlank() ? null : survey.strip(), dimensions(groupBy),
                day(from, "from"), day(to, "to"));
    }

    private static Set<SurveyResults.Dimension> dimensions(String groupBy) {
        Set<SurveyResults.Dimension> dimensions = EnumSet.noneOf(SurveyResults.Dimension.class);
        if (groupBy != null && !groupBy.isBlank()) {
            for (String part : groupBy.split(",")) {
                try {
                    dimensions.add(SurveyResults.Dimension.parse(part));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("groupBy: " + e.getMessage());
                }
            }
        }
        return dimensions;
    }

    private static Instant day(String value, String parameter) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(parameter + ": '" + value + "' is not a date (yyyy-mm-dd)");
        }
    }

    private static String number(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.4f", value);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", String.valueOf(e.getMessage())));
    }
}
