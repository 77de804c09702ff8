package dev.touchpoint.ledger.internal;

import dev.touchpoint.ledger.AccessExport;
import dev.touchpoint.ledger.LedgerApi;

import dev.touchpoint.context.ContextUnavailableException;
import dev.touchpoint.context.CustomerContext;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.ledger.EntryKind;
import dev.touchpoint.ledger.ErasureReport;
import dev.touchpoint.ledger.EvidenceEntry;
import dev.touchpoint.ledger.EvidenceNotRecordedException;
import dev.touchpoint.ledger.ExportFormat;
import dev.touchpoint.ledger.LedgerPage;
import dev.touchpoint.ledger.LedgerQuery;
import dev.touchpoint.ledger.RetentionReport;
import dev.touchpoint.ledger.VerificationReport;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The evidence ledger's REST API, under {@code /api/ledger}, for users with role COMPLIANCE or ADMIN.
 *
 * <ul>
 *   <li>{@code GET /entries?customerId=&campaign=&journey=&channel=&decision=&kind=&from=&to=&page=&size=}: one page</li>
 *   <li>{@code GET /export?format=csv|jsonl&...same filters}: every matching entry, streamed</li>
 *   <li>{@code GET /customers/{id}/access-export}: everything held about the customer (JSON)</li>
 *   <li>{@code POST /customers/{id}/erase}: GDPR erasure in the customer context and the ledger</li>
 *   <li>{@code GET /verify[?chain=]}: recompute the hash chains</li>
 *   <li>{@code POST /retention}: apply the retention policy now</li>
 * </ul>
 */
@RestController
@ConditionalOnProperty(name = "touchpoint.ledger.enabled", havingValue = "true", matchIfMissing = true)
@RequestMapping("/api/ledger")
@PreAuthorize("hasAnyRole('ADMIN', 'COMPLIANCE')")
public class LedgerApiController implements LedgerApi {

    private final DefaultEvidenceLedger ledger;
    private final Supplier<CustomerContextStore> contexts;
    private final Clock clock;

    public LedgerApiController(DefaultEvidenceLedger ledger, ObjectProvider<CustomerContextStore> contexts,
                               ObjectProvider<Clock> clock) {
        this.ledger = ledger;
        this.contexts = contexts::getIfAvailable;
        this.clock = clock.getIfUnique(Clock::systemUTC);
    }

    @GetMapping("/entries")
    public LedgerPage entries(@RequestParam(required = false) String customerId,
                              @RequestParam(required = false) String campaign,
                              @RequestParam(required = false) String journey,
                              @RequestParam(required = false) String channel,
                              @RequestParam(required = false) String decision,
                              @RequestParam(required = false) List<String> kind,
                              @RequestParam(required = false) String from,
                              @RequestParam(required = false) String to,
                              @RequestParam(defaultValue = "0") int page,
                              @RequestParam(defaultValue = "" + LedgerQuery.DEFAULT_PAGE_SIZE) int size) {
        return ledger.query(query(customerId, campaign, journey, channel, decision, kind, from, to, page, size));
    }

    @GetMapping("/export")
    public ResponseEntity<StreamingResponseBody> export(@RequestParam(defaultValue = "jsonl") String format,
                                                        @RequestParam(required = false) String customerId,
                                                        @RequestParam(required = false) String campaign,
                                                        @RequestParam(required = false) String journey,
                                                        @RequestParam(required = false) String channel,
                                                        @RequestParam(required = false) String decision,
                                                        @RequestParam(required = false) List<String> kind,
                                                        @RequestParam(required = false) String from,
                                                        @RequestParam(required = false) String to) {
        ExportFormat exportFormat = ExportFormat.parse(format);
        LedgerQuery query = query(customerId, campaign, journey, channel, decision, kind, from, to, 0, 1);
        StreamingResponseBody body = out -> ledger.export(query, exportFormat, out);
        String name = "touchpoint-ledger-" + clock.instant().toString().replace(':', '-') + "." + exportFormat.extension();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(exportFormat.mediaType() + ";charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .body(body);
    }

    @Override
    @GetMapping(path = "/customers/{id}/access-export", produces = MediaType.APPLICATION_JSON_VALUE)
    public AccessExport accessExport(@PathVariable String id, Authentication user) {
        CustomerContextStore store = contexts.get();
        CustomerContext context = store == null ? null : store.findContext(id).orElse(null);
        List<EvidenceEntry> entries = ledger.reader().allOf(id);
        boolean erased = entries.stream().anyMatch(e -> e.personalData() == EvidenceEntry.PersonalData.ERASED);
        return new AccessExport(id, clock.instant(), user.getName(), context, ledger.reader().store().journeyInstances(id),
                entries.stream().map(e -> new AccessExport.Item(EntrySummaries.describe(e), e)).toList(), erased,
                AccessExport.EXPLANATION);
    }

    /**
     * Erases the customer everywhere Touchpoint keeps personal data: the customer context (profile, consents, recent
     * touchpoints; which also publishes {@code CustomerErased}) and the ledger (their data keys are destroyed, an
     * ERASED entry is recorded). Idempotent.
     */
    @Override
    @PostMapping("/customers/{id}/erase")
    public ErasureReport erase(@PathVariable String id, Authentication user) {
        CustomerContextStore store = contexts.get();
        boolean contextErased = store != null && store.erase(id, user.getName());
        return ledger.erase(id, user.getName(), contextErased, "ledger-api");
    }

    @Override
    @GetMapping("/verify")
    public VerificationReport verify(@RequestParam(required = false) String chain) {
        return chain == null || chain.isBlank() ? ledger.verify() : ledger.verifyChain(chain);
    }

    @PostMapping("/retention")
    public RetentionReport retention(Authentication user) {
        return ledger.applyRetention(user.getName());
    }

    @ExceptionHandler({IllegalArgumentException.class, DateTimeException.class})
    ResponseEntity<Map<String, String>> badRequest(RuntimeException e) {
        return ResponseEntity.badRequest().body(Map.of("error", String.valueOf(e.getMessage())));
    }

    @ExceptionHandler({ContextUnavailableException.class, EvidenceNotRecordedException.class})
    ResponseEntity<Map<String, String>> unavailable(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("error", String.valueOf(e.getMessage())));
    }

    static LedgerQuery query(String customerId, String campaign, String journey, String channel, String decision,
                             List<String> kinds, String from, String to, int page, int size) {
        Set<EntryKind> parsed = EnumSet.noneOf(EntryKind.class);
        if (kinds != null) {
            kinds.stream().flatMap(k -> Arrays.stream(k.split(","))).filter(k -> !k.isBlank()).map(EntryKind::parse).forEach(parsed::add);
        }
        if (decision != null && !decision.isBlank() && !Set.of("SEND", "SUPPRESS", "DEFER").contains(decision.trim().toUpperCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException("decision must be SEND, SUPPRESS or DEFER");
        }
        return new LedgerQuery(customerId, campaign, journey, channel, decision, parsed, instant(from), instant(to), page, size);
    }

    /** An ISO instant ({@code 2026-11-22T10:00:00Z}) or a date ({@code 2026-11-22}, midnight UTC). */
    static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(v);
    }
}
