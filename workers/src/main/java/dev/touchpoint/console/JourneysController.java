package dev.touchpoint.console;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import dev.touchpoint.engine.EngineRuntime;
import dev.touchpoint.journey.DeployedJourney;
import dev.touchpoint.journey.JourneyDeployer;
import dev.touchpoint.journey.JourneyDeploymentReport;
import dev.touchpoint.ledger.LedgerStatistics;
import io.camunda.client.CamundaClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.server.ResponseStatusException;

/**
 * Journeys (designers, operators): every deployed journey drawn from its BPMN with bpmn-js, with counts per element
 * from the engine's records (active, completed, incidents) and per touchpoint task from the evidence ledger (sent,
 * suppressed by reason, failed); the open incidents with their reason, and retry for operators.
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Controller
class JourneysController {

    private static final Logger log = LoggerFactory.getLogger(JourneysController.class);

    private final JourneyDeployer deployer;
    private final EngineRuntime engine;
    private final CamundaClient client;
    private final ObjectProvider<LedgerStatistics> statistics;
    private final JourneyActivityIndex activity;

    JourneysController(JourneyDeployer deployer, EngineRuntime engine, CamundaClient client, ObjectProvider<LedgerStatistics> statistics,
                       JourneyActivityIndex activity) {
        this.deployer = deployer;
        this.engine = engine;
        this.client = client;
        this.statistics = statistics;
        this.activity = activity;
    }

    @GetMapping("/console/journeys")
    String journeys(Model model) {
        Optional<JourneyDeploymentReport> report = deployer.lastReport();
        Map<String, List<DeployedJourney>> byProcess = new TreeMap<>();
        report.ifPresent(r -> r.deployed().forEach(j -> byProcess.computeIfAbsent(j.processId(), id -> new ArrayList<>()).add(j)));
        List<Map<String, Object>> rows = new ArrayList<>();
        byProcess.forEach((processId, versions) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("processId", processId);
            row.put("versions", versions.stream().map(DeployedJourney::version).distinct().sorted().toList());
            row.put("resource", versions.getLast().resourceName());
            activity.activity(processId, null).ifPresent(a -> {
                row.put("active", a.instancesActive());
                row.put("completed", a.instancesCompleted());
                row.put("incidents", a.incidents().size());
            });
            rows.add(row);
        });
        model.addAttribute("journeys", rows);
        model.addAttribute("rejected", report.map(JourneyDeploymentReport::rejected).orElse(List.of()));
        model.addAttribute("recordsReadable", engine.records().isPresent());
        model.addAttribute("engineMode", engine.mode());
        return "console/journeys";
    }

    @GetMapping("/console/journeys/{processId}")
    String journey(@PathVariable String processId, @RequestParam(required = false) Integer version, Model model) {
        DeployedJourney deployed = deployed(processId);
        model.addAttribute("journey", deployed);
        model.addAttribute("version", version);
        Optional<JourneyActivity> activity = this.activity.activity(processId, version);
        model.addAttribute("recordsReadable", activity.isPresent());
        model.addAttribute("activity", activity.orElse(null));
        model.addAttribute("tasks", touchpointsByElement(processId, version));
        model.addAttribute("versions", activity.map(JourneyActivity::versions).filter(v -> !v.isEmpty())
                .orElse(List.of(deployed.version())));
        return "console/journey";
    }

    /** The BPMN the journey was deployed from, for the diagram. */
    @GetMapping(path = "/console/journeys/{processId}/diagram.bpmn", produces = MediaType.APPLICATION_XML_VALUE)
    @ResponseBody
    ResponseEntity<byte[]> diagram(@PathVariable String processId) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(bpmn(processId));
    }

    /** Counts per element for the diagram's overlays: {@code {elementId: {active, completed, incidents, sent, ...}}}. */
    @GetMapping(path = "/console/journeys/{processId}/counts", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, Map<String, Object>> counts(@PathVariable String processId, @RequestParam(required = false) Integer version) {
        deployed(processId);
        Map<String, Map<String, Object>> overlays = new TreeMap<>();
        activity.activity(processId, version).ifPresent(a -> a.elements().forEach((id, c) -> {
            Map<String, Object> o = overlays.computeIfAbsent(id, k -> new LinkedHashMap<>());
            o.put("active", c.active());
            o.put("completed", c.completed());
            o.put("incidents", c.incidents());
        }));
        touchpointsByElement(processId, version).forEach((id, tally) -> overlays.computeIfAbsent(id, k -> new LinkedHashMap<>())
                .putAll(tally.asMap()));
        return overlays;
    }

    /** Resolves an incident after giving its job one more retry (operators). */
    @PostMapping("/console/journeys/incidents/{key}/retry")
    String retry(@PathVariable long key, @RequestParam String processId, @RequestParam long jobKey, Authentication user,
                 RedirectAttributes flash) {
        try {
            if (jobKey > 0) {
                client.newUpdateRetriesCommand(jobKey).retries(1).send().join();
            }
            client.newResolveIncidentCommand(key).send().join();
            log.info("Console: {} retried incident {} of journey {}", user.getName(), key, processId);
            flash.addFlashAttribute("message", "Incident " + key + " resolved; its job was given one more retry.");
        } catch (RuntimeException e) {
            flash.addFlashAttribute("error", "Incident " + key + " could not be retried: " + e.getMessage());
        }
        return "redirect:/console/journeys/" + processId;
    }

    /** What the touchpoint tasks of the journey did, per element (sent, suppressed by reason, deferred, failed). */
    Map<String, TaskTally> touchpointsByElement(String processId, Integer version) {
        LedgerStatistics ledger = statistics.getIfAvailable();
        Map<String, TaskTally> byElement = new TreeMap<>();
        if (ledger == null) {
            return byElement;
        }
        for (LedgerStatistics.Tally t : ledger.touchpointsByElement(processId, version)) {
            if (t.elementId() == null) {
                continue;
            }
            TaskTally tally = byElement.computeIfAbsent(t.elementId(), id -> new TaskTally());
            switch (t.outcome()) {
                case SENT, UNCONFIRMED -> tally.sent += t.count();
                case SUPPRESSED -> tally.suppressed.merge(t.reason() == null ? "UNKNOWN" : t.reason(), t.count(), Long::sum);
                case DEFERRED -> tally.deferred += t.count();
                case UNDELIVERABLE -> tally.failed += t.count();
                case RETRY_SCHEDULED -> tally.retried += t.count();
                default -> { }
            }
        }
        return byElement;
    }

    /** One touchpoint task's evidence. */
    static final class TaskTally {
        long sent;
        long deferred;
        long failed;
        long retried;
        final Map<String, Long> suppressed = new TreeMap<>();

        public long getSent() {
            return sent;
        }

        public long getDeferred() {
            return deferred;
        }

        public long getFailed() {
            return failed;
        }

        public long getRetried() {
            return retried;
        }

        public Map<String, Long> getSuppressed() {
            return suppressed;
        }

        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sent", sent);
            m.put("suppressed", suppressed);
            m.put("deferred", deferred);
            m.put("failed", failed);
            return m;
        }
    }

    DeployedJourney deployed(String processId) {
        return deployer.lastReport().stream().flatMap(r -> r.deployed().stream())
                .filter(j -> j.processId().equals(processId)).reduce((a, b) -> b)
                .orElseThrow(() -> new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND,
                        "no deployed journey " + processId));
    }

    byte[] bpmn(String processId) {
        DeployedJourney journey = deployed(processId);
        Path folder = Path.of(deployer.lastReport().orElseThrow().folder());
        Path file = folder.resolve(journey.resourceName()).normalize();
        if (!file.startsWith(folder.normalize())) {
            throw new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND, "no diagram for " + processId);
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND,
                    "the diagram of " + processId + " (" + file + ") cannot be read: " + e.getMessage());
        }
    }
}
