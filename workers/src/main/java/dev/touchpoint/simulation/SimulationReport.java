package dev.touchpoint.simulation;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one scenario did: its timeline (the scenario's events, and every touchpoint the workers sent, withheld,
 * deferred or could not deliver, with the reason and when), how each journey ended, and every mismatch with the
 * scenario's expectations. Never holds an address or a phone number: customers by the scenario's names.
 */
public record SimulationReport(Scenario scenario, List<Entry> timeline, List<String> journeys, List<String> problems,
                               Duration took, Map<String, ZoneId> customerZones) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    /**
     * One line of the timeline.
     *
     * @param kind     EVENT, REPLY, START (the scenario's steps); SENT, UNCONFIRMED, SUPPRESSED, DEFERRED, UNDELIVERABLE,
     *                 RETRY_SCHEDULED (the workers); REPORTED (a provider's late failure report); DECIDED (a decision
     *                 table the engine evaluated)
     * @param until    DEFERRED: when it may go; RETRY_SCHEDULED: when it is tried again
     * @param detail   the event, or the journey and element
     */
    public record Entry(Instant at, String customer, String kind, String channel, String template, String locale, String reason,
                        Instant until, String detail) {
    }

    public boolean passed() {
        return problems.isEmpty();
    }

    public void print(PrintStream out, Path base) {
        Path file = scenario.file().toAbsolutePath().normalize();
        String shown = base != null && file.startsWith(base) ? base.relativize(file).toString() : file.toString();
        out.println("== " + scenario.name() + " (" + shown + ")");
        out.println("   from " + time(scenario.start(), scenario.zone()) + " " + zoneName(scenario.zone()) + " for "
                + human(scenario.runFor()) + ", simulated in "
                + String.format(Locale.ROOT, "%.1f s", took.toMillis() / 1000.0));
        for (Entry entry : timeline) {
            out.println("   " + line(entry));
        }
        for (String journey : journeys) {
            out.println("   journey " + journey);
        }
        if (problems.isEmpty()) {
            long touchpoints = timeline.stream().filter(e -> ScenarioReader.STATUSES.contains(e.kind())).count();
            out.println("   PASS: " + touchpoints + (touchpoints == 1 ? " touchpoint" : " touchpoints") + " and "
                    + scenario.journeys().size() + (scenario.journeys().size() == 1 ? " journey end" : " journey ends")
                    + " as expected");
        } else {
            out.println("   MISMATCH:");
            problems.forEach(p -> out.println("     - " + p.replace("\n", "\n       ")));
        }
        out.println();
    }

    private String line(Entry e) {
        StringBuilder text = new StringBuilder(time(e.at(), scenario.zone())).append("  ");
        text.append(String.format(Locale.ROOT, "%-10s %-15s", e.customer(), e.kind()));
        switch (e.kind()) {
            case "EVENT", "REPLY", "START", "DECIDED" -> text.append(e.detail());
            case "REPORTED" -> text.append(String.format(Locale.ROOT, "%-6s %s", e.channel(), e.detail()))
                    .append(e.reason() == null ? "" : " (" + e.reason() + ")");
            default -> {
                text.append(String.format(Locale.ROOT, "%-6s %-14s", e.channel() == null ? "-" : e.channel(), e.template()));
                if (e.locale() != null) {
                    text.append(" ").append(e.locale());
                }
                if (e.reason() != null) {
                    text.append(" ").append(e.reason());
                }
                if (e.until() != null) {
                    text.append(" until ").append(time(e.until(), scenario.zone()));
                }
                text.append("  [").append(e.detail()).append("]");
            }
        }
        ZoneId own = customerZones.get(e.customer());
        if (ScenarioReader.STATUSES.contains(e.kind()) && own != null && !own.getRules().getOffset(e.at()).equals(scenario.zone().getRules().getOffset(e.at()))) {
            text.append("  (").append(e.customer()).append("'s time ").append(CLOCK.format(e.at().atZone(own))).append(")");
        }
        return text.toString();
    }

    private static String zoneName(ZoneId zone) {
        return zone.equals(java.time.ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    /** 3 days, 2 hours 30 minutes. */
    static String human(Duration duration) {
        StringBuilder text = new StringBuilder();
        long days = duration.toDays();
        int hours = duration.toHoursPart();
        int minutes = duration.toMinutesPart();
        if (days > 0) {
            text.append(days).append(days == 1 ? " day" : " days");
        }
        if (hours > 0) {
            text.append(text.isEmpty() ? "" : " ").append(hours).append(hours == 1 ? " hour" : " hours");
        }
        if (minutes > 0 || text.isEmpty()) {
            text.append(text.isEmpty() ? "" : " ").append(minutes).append(minutes == 1 ? " minute" : " minutes");
        }
        return text.toString();
    }

    static String time(Instant at, ZoneId zone) {
        return TIME.format(at.atZone(zone));
    }
}
