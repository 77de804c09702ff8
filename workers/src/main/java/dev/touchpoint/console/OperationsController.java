package dev.touchpoint.console;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.channel.kiosk.KioskDirectory;
import dev.touchpoint.channel.kiosk.KioskPresence;
import dev.touchpoint.delivery.DeliveryMonitor;
import dev.touchpoint.delivery.ProviderActivity;
import dev.touchpoint.ledger.LedgerStatistics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Operations (operators): the health of engine, Hazelcast, database, ledger and journeys (the actuator's health
 * contributors), each provider's activity on this instance, kiosks online per store, the ledger writer's queue, and
 * touchpoints sent per second per channel (from the evidence ledger, so every instance's sends count).
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Controller
class OperationsController {

    /** The window and bucket of the throughput chart. */
    static final Duration WINDOW = Duration.ofMinutes(5);
    static final Duration BUCKET = Duration.ofSeconds(10);

    private final ObjectProvider<HealthEndpoint> health;
    private final ObjectProvider<KioskDirectory> kiosks;
    private final ObjectProvider<MeterRegistry> meters;
    private final ObjectProvider<DeliveryMonitor> pipeline;
    private final ObjectProvider<LedgerStatistics> statistics;
    private final Clock clock;

    OperationsController(ObjectProvider<HealthEndpoint> health, ObjectProvider<KioskDirectory> kiosks, ObjectProvider<MeterRegistry> meters,
                         ObjectProvider<DeliveryMonitor> pipeline, ObjectProvider<LedgerStatistics> statistics,
                         ObjectProvider<Clock> clock) {
        this.health = health;
        this.kiosks = kiosks;
        this.meters = meters;
        this.pipeline = pipeline;
        this.statistics = statistics;
        this.clock = clock.getIfUnique(Clock::systemUTC);
    }

    /** One health contributor: name, status and details. */
    record Component(String name, String status, Map<String, Object> details) {
        public boolean up() {
            return "UP".equals(status);
        }
    }

    @GetMapping("/console/operations")
    String operations(Model model) {
        fill(model);
        return "console/operations";
    }

    /** The page's live part, refreshed by htmx. */
    @GetMapping("/console/operations/status")
    String status(Model model) {
        fill(model);
        return "console/operations :: status";
    }

    private void fill(Model model) {
        List<Component> components = new ArrayList<>();
        HealthEndpoint endpoint = health.getIfAvailable();
        if (endpoint != null) {
            HealthComponent all = endpoint.health();
            model.addAttribute("overall", all.getStatus().getCode());
            if (all instanceof CompositeHealth composite) {
                composite.getComponents().forEach((name, c) -> components.add(new Component(name, c.getStatus().getCode(),
                        c instanceof Health h ? h.getDetails() : Map.of())));
            }
        }
        model.addAttribute("components", components);
        Map<String, List<KioskPresence>> byStore = new TreeMap<>();
        KioskDirectory directory = kiosks.getIfAvailable();
        if (directory != null) {
            directory.all().forEach(k -> byStore.computeIfAbsent(k.storeId(), s -> new ArrayList<>()).add(k));
        }
        model.addAttribute("kioskDirectory", directory != null);
        model.addAttribute("stores", byStore);
        MeterRegistry registry = meters.getIfAvailable();
        Gauge queue = registry == null ? null : registry.find("touchpoint.ledger.queue").gauge();
        model.addAttribute("ledgerQueue", queue == null ? null : (long) queue.value());
        List<ProviderActivity> providers = new ArrayList<>();
        DeliveryMonitor p = pipeline.getIfAvailable();
        if (p != null) {
            for (Channel channel : Channel.values()) {
                providers.add(p.providerActivity(channel));
            }
        }
        model.addAttribute("providers", providers);
        model.addAttribute("now", clock.instant());
    }

    /**
     * Touchpoints the providers accepted per second and channel over the last {@link #WINDOW}, per {@link #BUCKET}:
     * {@code {t: [...], EMAIL: [...], SMS: [...], ...}}.
     */
    @GetMapping(path = "/console/operations/throughput", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, Object> throughput() {
        long seconds = BUCKET.getSeconds();
        long to = Math.floorDiv(clock.instant().getEpochSecond(), seconds) * seconds;
        long from = to - WINDOW.getSeconds() + seconds;
        int points = (int) ((to - from) / seconds + 1);
        long[] t = new long[points];
        for (int i = 0; i < points; i++) {
            t[i] = from + i * seconds;
        }
        Map<String, double[]> series = new LinkedHashMap<>();
        for (Channel channel : Channel.values()) {
            series.put(channel.name(), new double[points]);
        }
        LedgerStatistics ledger = statistics.getIfAvailable();
        if (ledger != null) {
            for (LedgerStatistics.Bucket b : ledger.sentPerChannel(Instant.ofEpochSecond(from), BUCKET)) {
                int i = (int) ((b.start().getEpochSecond() - from) / seconds);
                double[] s = series.get(b.series());
                if (s != null && i >= 0 && i < points) {
                    s[i] += (double) b.count() / seconds;
                }
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("t", t);
        body.putAll(series);
        return body;
    }
}
