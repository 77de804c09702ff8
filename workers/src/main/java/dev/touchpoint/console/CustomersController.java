package dev.touchpoint.console;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import dev.touchpoint.context.CustomerContext;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.ledger.EntryKind;
import dev.touchpoint.ledger.ErasureReport;
import dev.touchpoint.ledger.EvidenceEntry;
import dev.touchpoint.ledger.AccessExport;
import dev.touchpoint.ledger.EvidenceLedger;
import dev.touchpoint.ledger.JourneyInstance;
import dev.touchpoint.ledger.LedgerApi;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Customer timeline (compliance, service): find a customer by id, email or phone; their profile, consent history with
 * sources and proofs, every decision, send and withheld touchpoint with its reason and template version in order, the
 * path of each journey instance on its diagram, pending deferrals, the chain verification, the access export and
 * erasure behind a typed confirmation. Export, erasure and verification call the ledger API's own bean
 * ({@link LedgerApi}, whose method security checks the roles again).
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Controller
class CustomersController {

    private static final Logger log = LoggerFactory.getLogger(CustomersController.class);

    private final ObjectProvider<CustomerContextStore> contexts;
    private final ObjectProvider<EvidenceLedger> ledger;
    private final ObjectProvider<LedgerApi> ledgerApi;
    private final JourneysController journeys;
    private final Clock clock;

    CustomersController(ObjectProvider<CustomerContextStore> contexts, ObjectProvider<EvidenceLedger> ledger,
                        ObjectProvider<LedgerApi> ledgerApi, JourneysController journeys, ObjectProvider<Clock> clock) {
        this.contexts = contexts;
        this.ledger = ledger;
        this.ledgerApi = ledgerApi;
        this.journeys = journeys;
        this.clock = clock.getIfUnique(Clock::systemUTC);
    }

    /** Search: an email address, a phone number (starting with + or a digit) or a customer id. */
    @GetMapping("/console/customers")
    String search(@RequestParam(defaultValue = "") String q, Model model) {
        String query = q.strip();
        model.addAttribute("q", query);
        if (query.isEmpty()) {
            return "console/customers";
        }
        CustomerContextStore store = store();
        Set<String> found = new LinkedHashSet<>();
        if (query.contains("@")) {
            found.addAll(store.findCustomerIdsByEmail(query));
        } else if (query.matches("^\\+?[0-9][0-9 ()-]{4,}$")) {
            found.addAll(store.findCustomerIdsByPhone(query.replaceAll("[ ()-]", "")));
        }
        if (store.findProfile(query).isPresent()) {
            found.add(query);
        }
        if (found.size() == 1) {
            return "redirect:/console/customers/" + found.iterator().next();
        }
        model.addAttribute("results", List.copyOf(found));
        return "console/customers";
    }

    @GetMapping("/console/customers/{id}")
    String timeline(@PathVariable String id, Model model) {
        Optional<CustomerContext> context = store().findContext(id);
        EvidenceLedger evidence = ledger();
        List<EvidenceEntry> entries = evidence.entriesOf(id);
        if (context.isEmpty() && entries.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no customer " + id);
        }
        model.addAttribute("customerId", id);
        model.addAttribute("context", context.orElse(null));
        model.addAttribute("consentHistory", entries.stream().filter(e -> e.kind() == EntryKind.CONSENT_CHANGE).toList());
        model.addAttribute("touchpoints", entries.stream().filter(e -> e.kind() == EntryKind.DECISION
                || e.kind() == EntryKind.DELIVERY_ATTEMPT || e.kind() == EntryKind.PROVIDER_STATUS).toList());
        model.addAttribute("entries", entries);
        model.addAttribute("deferrals", pendingDeferrals(entries, clock.instant()));
        model.addAttribute("instances", instances(id, entries, evidence));
        model.addAttribute("erased", entries.stream().anyMatch(e -> e.kind() == EntryKind.ERASED));
        model.addAttribute("verification", ledgerApi().verify(id));
        return "console/customer";
    }

    /** Everything held about the customer, as the ledger API's access export (a JSON download). */
    @GetMapping(path = "/console/customers/{id}/access-export", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<AccessExport> accessExport(@PathVariable String id, Authentication user) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"access-export-" + id.replaceAll("[^A-Za-z0-9_.-]", "_") + ".json\"")
                .contentType(MediaType.APPLICATION_JSON).body(ledgerApi().accessExport(id, user));
    }

    /** Erasure, only when {@code confirm} repeats the customer id exactly. */
    @PostMapping("/console/customers/{id}/erase")
    String erase(@PathVariable String id, @RequestParam(defaultValue = "") String confirm, Authentication user,
                 RedirectAttributes flash) {
        if (!id.equals(confirm.strip())) {
            flash.addFlashAttribute("error", "confirm: type the customer id " + id + " exactly to erase this customer");
            return "redirect:/console/customers/" + id;
        }
        ErasureReport report = ledgerApi().erase(id, user);
        log.info("Console: {} erased customer {}", user.getName(), id);
        flash.addFlashAttribute("message", "Customer " + id + " erased: " + report.keysDestroyed() + " data key(s) destroyed, "
                + report.sealedEntries() + " ledger entries sealed; the customer context "
                + (report.contextErased() ? "was erased" : "held nothing"));
        return "redirect:/console/customers/" + id;
    }

    /** The BPMN of a journey the customer went through, for the path on the timeline. */
    @GetMapping(path = "/console/customers/{id}/diagrams/{processId}.bpmn", produces = MediaType.APPLICATION_XML_VALUE)
    @ResponseBody
    ResponseEntity<byte[]> diagram(@PathVariable String id, @PathVariable String processId) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(journeys.bpmn(processId));
    }

    /** A journey instance of the customer and the elements it went through, in order. */
    record Instance(long key, String processId, Integer version, String campaignId, Instant startedAt, Instant endedAt,
                    List<String> path, boolean diagram) {
        public String pathJoined() {
            return String.join(",", path);
        }
    }

    /** A DEFER decision whose release time has not come and that no later decision or attempt replaced. */
    static List<EvidenceEntry> pendingDeferrals(List<EvidenceEntry> entries, Instant now) {
        List<EvidenceEntry> pending = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            EvidenceEntry e = entries.get(i);
            if (e.kind() != EntryKind.DECISION || !"DEFER".equals(e.decision()) || e.until() == null || !e.until().isAfter(now)) {
                continue;
            }
            boolean replaced = false;
            for (int j = i + 1; j < entries.size() && !replaced; j++) {
                EvidenceEntry later = entries.get(j);
                replaced = e.idempotencyKey() != null && e.idempotencyKey().equals(later.idempotencyKey())
                        && (later.kind() == EntryKind.DECISION || later.kind() == EntryKind.DELIVERY_ATTEMPT);
            }
            if (!replaced) {
                pending.add(e);
            }
        }
        return pending;
    }

    private List<Instance> instances(String id, List<EvidenceEntry> entries, EvidenceLedger evidence) {
        List<Instance> instances = new ArrayList<>();
        for (JourneyInstance j : evidence.journeyInstancesOf(id)) {
            Map<String, Boolean> path = new LinkedHashMap<>();
            for (EvidenceEntry e : entries) {
                if (e.processInstanceKey() != null && e.processInstanceKey() == j.processInstanceKey() && e.elementId() != null
                        && j.processId().equals(e.processId())) {
                    path.putIfAbsent(e.elementId(), true);
                }
            }
            boolean diagram;
            try {
                journeys.deployed(j.processId());
                diagram = true;
            } catch (ResponseStatusException notDeployed) {
                diagram = false;
            }
            instances.add(new Instance(j.processInstanceKey(), j.processId(), j.processVersion(), j.campaignId(), j.startedAt(),
                    j.endedAt(), List.copyOf(path.keySet()), diagram));
        }
        return instances;
    }

    private CustomerContextStore store() {
        CustomerContextStore store = contexts.getIfAvailable();
        if (store == null) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "the customer context is not available");
        }
        return store;
    }

    private EvidenceLedger ledger() {
        EvidenceLedger found = ledger.getIfAvailable();
        if (found == null) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "the evidence ledger is disabled");
        }
        return found;
    }

    private LedgerApi ledgerApi() {
        LedgerApi found = ledgerApi.getIfAvailable();
        if (found == null) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "the evidence ledger is disabled");
        }
        return found;
    }
}
