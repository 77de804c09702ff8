package dev.touchpoint.console;

import dev.touchpoint.campaign.Campaigns;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import dev.touchpoint.campaign.AudienceFilter;
import dev.touchpoint.campaign.CampaignDefinition;
import dev.touchpoint.campaign.CampaignView;
import dev.touchpoint.campaign.DryRunReport;

import dev.touchpoint.journey.DeployedJourney;
import dev.touchpoint.journey.JourneyDeployer;
import dev.touchpoint.ledger.LedgerStatistics;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Campaigns (marketing ops): list, create, upload an audience (row errors shown), dry run, launch now or at a time
 * with a throttle, pause, resume, cancel, and a live progress chart. Everything goes through {@link Campaigns},
 * the same service as {@code /api/campaigns}.
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Controller
class CampaignsController {

    /** Points of the progress chart at most. */
    static final int MAX_POINTS = 300;

    private final Campaigns campaigns;
    private final JourneyDeployer deployer;
    private final ObjectProvider<LedgerStatistics> statistics;
    private final Clock clock;

    CampaignsController(Campaigns campaigns, JourneyDeployer deployer, ObjectProvider<LedgerStatistics> statistics,
                        ObjectProvider<Clock> clock) {
        this.campaigns = campaigns;
        this.deployer = deployer;
        this.statistics = statistics;
        this.clock = clock.getIfUnique(Clock::systemUTC);
    }

    @GetMapping("/console/campaigns")
    String list(Model model) {
        model.addAttribute("campaigns", campaigns.all());
        model.addAttribute("journeys", deployer.lastReport().stream().flatMap(r -> r.deployed().stream())
                .map(DeployedJourney::processId).distinct().sorted().toList());
        return "console/campaigns";
    }

    @PostMapping("/console/campaigns")
    String create(@RequestParam String name, @RequestParam String processId, @RequestParam(defaultValue = "10") String throttle,
                  @RequestParam(defaultValue = "upload") String audience, @RequestParam(defaultValue = "") String tiers,
                  @RequestParam(defaultValue = "") String locales, Authentication user, RedirectAttributes flash) {
        try {
            AudienceFilter filter = "filter".equals(audience)
                    ? new AudienceFilter(split(locales), split(tiers), List.of(), List.of(), List.of()) : null;
            String id = campaigns.define(new CampaignDefinition(name, processId, filter, Map.of(), null, null, null,
                    number("throttle", throttle)), user.getName());
            flash.addFlashAttribute("message", "Campaign " + id + " created as DRAFT.");
            return "redirect:/console/campaigns/" + id;
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:/console/campaigns";
        }
    }

    @GetMapping("/console/campaigns/{id}")
    String campaign(@PathVariable String id, Model model) {
        model.addAttribute("campaign", view(id));
        return "console/campaign";
    }

    /** The progress block, refreshed by htmx while the page is open. */
    @GetMapping("/console/campaigns/{id}/progress")
    String progress(@PathVariable String id, Model model) {
        model.addAttribute("campaign", view(id));
        return "console/campaign :: progress";
    }

    @PostMapping(path = "/console/campaigns/{id}/audience", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    String upload(@PathVariable String id, @RequestParam("file") MultipartFile file, RedirectAttributes flash) {
        if (file.isEmpty()) {
            flash.addFlashAttribute("error", "audience: choose a CSV file with a customerId column");
            return "redirect:/console/campaigns/" + id;
        }
        String name = file.getOriginalFilename() == null ? "the file" : file.getOriginalFilename();
        boolean jsonLines = name.toLowerCase(Locale.ROOT).endsWith(".jsonl") || name.toLowerCase(Locale.ROOT).endsWith(".ndjson");
        try (InputStream in = file.getInputStream()) {
            Campaigns.UploadReport report = campaigns.upload(id, in, jsonLines);
            flash.addFlashAttribute("upload", report);
            flash.addFlashAttribute("uploadName", name);
        } catch (IllegalArgumentException | IllegalStateException e) {
            flash.addFlashAttribute("error", name + ": " + e.getMessage());
        } catch (IOException e) {
            flash.addFlashAttribute("error", name + " could not be read: " + e.getMessage());
        }
        return "redirect:/console/campaigns/" + id;
    }

    @PostMapping("/console/campaigns/{id}/dry-run")
    String dryRun(@PathVariable String id, RedirectAttributes flash) {
        view(id);
        DryRunReport report = campaigns.dryRun(id);
        flash.addFlashAttribute("dryRun", report);
        return "redirect:/console/campaigns/" + id;
    }

    /**
     * Launches now (no {@code startAt}) or at {@code startAt} (local date-time in UTC from the form, or an ISO
     * instant), at most {@code throttle} journeys per second.
     */
    @PostMapping("/console/campaigns/{id}/launch")
    String launch(@PathVariable String id, @RequestParam(defaultValue = "") String startAt, @RequestParam String throttle,
                  RedirectAttributes flash) {
        return act(id, flash, () -> campaigns.launch(id, instant(startAt), number("throttle", throttle)), "launched");
    }

    @PostMapping("/console/campaigns/{id}/pause")
    String pause(@PathVariable String id, RedirectAttributes flash) {
        return act(id, flash, () -> campaigns.pause(id), "paused");
    }

    @PostMapping("/console/campaigns/{id}/resume")
    String resume(@PathVariable String id, RedirectAttributes flash) {
        return act(id, flash, () -> campaigns.resume(id), "resumed");
    }

    @PostMapping("/console/campaigns/{id}/cancel")
    String cancel(@PathVariable String id, RedirectAttributes flash) {
        return act(id, flash, () -> campaigns.cancel(id), "cancelled");
    }

    /**
     * The progress chart's series since the campaign first reached a customer: per bucket (1 s, or longer so there are
     * at most {@value #MAX_POINTS} points), customers started (journeys the launcher started), and from the evidence
     * ledger touchpoints sent, suppressed and failed.
     */
    @GetMapping(path = "/console/campaigns/{id}/series", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, Object> series(@PathVariable String id) {
        view(id);
        Map<String, Object> body = new LinkedHashMap<>();
        Instant now = clock.instant();
        Instant first = campaigns.firstStart(id).orElse(null);
        if (first == null) {
            body.put("t", List.of());
            return body;
        }
        long span = Math.max(1, Duration.between(first, now).getSeconds() + 1);
        long seconds = Math.max(1, (span + MAX_POINTS - 1) / MAX_POINTS);
        Duration bucket = Duration.ofSeconds(seconds);
        long from = Math.floorDiv(first.getEpochSecond(), seconds) * seconds;
        long to = Math.floorDiv(now.getEpochSecond(), seconds) * seconds;
        int points = (int) Math.min(MAX_POINTS + 1, Math.max(1, (to - from) / seconds + 1));
        Map<String, long[]> series = new LinkedHashMap<>();
        for (String name : List.of("started", "sent", "suppressed", "failed")) {
            series.put(name, new long[points]);
        }
        for (Campaigns.StartBucket b : campaigns.startSeries(id, Instant.ofEpochSecond(from), bucket)) {
            if (b.state() == Campaigns.StartState.STARTED) {
                add(series.get("started"), b.start().getEpochSecond(), from, seconds, b.count());
            }
        }
        LedgerStatistics ledger = statistics.getIfAvailable();
        if (ledger != null) {
            for (LedgerStatistics.Bucket b : ledger.campaignTouchpointSeries(id, Instant.ofEpochSecond(from), bucket)) {
                String name = switch (b.series()) {
                    case "SENT", "UNCONFIRMED" -> "sent";
                    case "SUPPRESSED" -> "suppressed";
                    case "UNDELIVERABLE" -> "failed";
                    default -> null;
                };
                if (name != null) {
                    add(series.get(name), b.start().getEpochSecond(), from, seconds, b.count());
                }
            }
        }
        long[] t = new long[points];
        for (int i = 0; i < points; i++) {
            t[i] = from + i * seconds;
        }
        body.put("t", t);
        body.put("bucketSeconds", seconds);
        body.putAll(series);
        return body;
    }

    private static void add(long[] series, long start, long from, long seconds, long count) {
        int i = (int) ((start - from) / seconds);
        if (i >= 0 && i < series.length) {
            series[i] += count;
        }
    }

    private String act(String id, RedirectAttributes flash, Runnable action, String done) {
        view(id);
        try {
            action.run();
            flash.addFlashAttribute("message", "Campaign " + done + ".");
        } catch (IllegalArgumentException | IllegalStateException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/console/campaigns/" + id;
    }

    private CampaignView view(String id) {
        return campaigns.view(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no campaign " + id));
    }

    static double number(String field, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": a number, was '" + value + "'");
        }
    }

    /** Blank: now; {@code 2026-12-07T09:30} (the form's datetime-local, read as UTC) or an ISO instant. */
    static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            return v.endsWith("Z") || v.matches(".*[+-]\\d\\d:\\d\\d$") ? Instant.parse(v)
                    : LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("startAt: a date and time (UTC), e.g. 2026-12-07T09:30, was '" + value + "'");
        }
    }

    private static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(parts::add);
        return parts;
    }
}
