package dev.touchpoint.context.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchpoint.context.ConsentChange;
import dev.touchpoint.context.ConsentRecord;
import dev.touchpoint.context.ConsentSource;
import dev.touchpoint.context.ConsentStatus;
import dev.touchpoint.context.ConsentTimestamps;
import dev.touchpoint.context.ConsentUpdate;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.ContextUnavailableException;
import dev.touchpoint.context.ConversationOffer;
import dev.touchpoint.context.CustomerContext;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.CustomerProfile;
import dev.touchpoint.context.ImportFormat;
import dev.touchpoint.context.ImportReport;
import dev.touchpoint.context.InvalidCustomerException;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.context.StorePresence;
import dev.touchpoint.context.TouchpointRecord;
import dev.touchpoint.context.UnknownCustomerException;
import dev.touchpoint.context.UpsertOutcome;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * REST API of the customer context under {@code /api/customers}. Needs role ADMIN or MARKETING (COMPLIANCE may read,
 * change consent and erase); erasure needs ADMIN or COMPLIANCE. The customer body is the import exchange format
 * (see {@link CustomerRows}).
 */
@RestController
@RequestMapping("/api/customers")
@PreAuthorize("hasAnyRole('ADMIN', 'MARKETING', 'COMPLIANCE')")
class CustomerApiController {

    static final String NDJSON = "application/x-ndjson";

    private final CustomerContextStore store;
    private final CustomerImporter importer;
    private final Clock clock;
    private final ConsentTimestamps timestamps;
    private final ZoneId defaultZone;

    CustomerApiController(CustomerContextStore store, CustomerImporter importer, ObjectProvider<Clock> clock,
                          ConsentTimestamps timestamps, ContextProperties properties) {
        this.store = store;
        this.importer = importer;
        this.clock = clock.getIfUnique(Clock::systemUTC);
        this.timestamps = timestamps;
        this.defaultZone = properties.decision().defaultTimeZone();
    }

    /**
     * Profile, consents, recent touchpoints (newest first: sent, suppressed with the reason, and deferred ones with the
     * time they are released, also in the customer's own zone), offers and presence of one customer.
     */
    @GetMapping("/{id}")
    ResponseEntity<ObjectNode> get(@PathVariable String id) {
        return store.findContext(id).map(context -> ResponseEntity.ok(contextJson(context, defaultZone)))
                .orElseThrow(() -> new UnknownCustomerException(id));
    }

    /** Customer ids by phone number or email address. */
    @GetMapping
    Map<String, List<String>> find(@RequestParam(required = false) String phone, @RequestParam(required = false) String email) {
        if ((phone == null) == (email == null)) {
            throw new IllegalArgumentException("give exactly one of the query parameters phone or email");
        }
        return Map.of("customerIds", phone != null ? store.findCustomerIdsByPhone(phone) : store.findCustomerIdsByEmail(email));
    }

    /** Creates or replaces a customer; consents in the body are recorded with source API. */
    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETING')")
    ResponseEntity<ObjectNode> upsert(@PathVariable String id, @RequestBody JsonNode body, Authentication user) {
        if (!(body instanceof ObjectNode object)) {
            throw new InvalidCustomerException(List.of(new InvalidCustomerException.Violation("body", "must be a JSON object")));
        }
        JsonNode bodyId = object.get("id");
        if (bodyId != null && !bodyId.isNull() && !bodyId.asText().equals(id)) {
            throw new InvalidCustomerException(List.of(new InvalidCustomerException.Violation("id", "differs from the id in the path")));
        }
        object.put("id", id);
        CustomerRows.CustomerRow row = CustomerRows.map(object);
        List<InvalidCustomerException.Violation> future = new ArrayList<>();
        for (CustomerRows.ConsentEntry entry : row.consents()) {
            timestamps.problem(entry.at()).map(reason -> new InvalidCustomerException.Violation(entry.atField(), reason))
                    .filter(v -> !future.contains(v)).ifPresent(future::add);
        }
        if (!future.isEmpty()) {
            throw new InvalidCustomerException(future);
        }
        UpsertOutcome outcome = store.upsert(row.profile());
        Instant now = clock.instant();
        List<ConsentChange> changes = new ArrayList<>();
        for (CustomerRows.ConsentEntry entry : row.consents()) {
            changes.add(new ConsentChange(id, entry.channel(), entry.purpose(), entry.status(), ConsentSource.API,
                    entry.proof() != null ? entry.proof() : "api:" + user.getName(), entry.at() != null ? entry.at() : now));
        }
        List<ConsentUpdate> updates = changes.isEmpty() ? List.of() : store.recordConsents(id, changes, List.of());
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.put("outcome", outcome.name());
        var consentUpdates = response.putArray("consentUpdates");
        for (ConsentUpdate update : updates) {
            consentUpdates.add(updateJson(update));
        }
        response.set("customer", contextJson(store.findContext(id).orElseThrow(() -> new UnknownCustomerException(id)), defaultZone));
        return ResponseEntity.status(outcome == UpsertOutcome.CREATED ? HttpStatus.CREATED : HttpStatus.OK).body(response);
    }

    /** GDPR erasure. */
    @DeleteMapping("/{id}")
    @PreAuthorize("hasAnyRole('ADMIN', 'COMPLIANCE')")
    ResponseEntity<Void> erase(@PathVariable String id, Authentication user) {
        return store.erase(id, user.getName()) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }

    /**
     * Imports customers: body {@code text/csv} or {@code application/x-ndjson} (UTF-8 unless the content type names a
     * charset); {@code source} names the file in the report and in consent proofs. Always 200 with the report when
     * the body could be read; look at {@code rejected}.
     */
    @PostMapping(path = "/import", consumes = {"text/csv", NDJSON, "application/jsonl"})
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETING')")
    ImportReport importCustomers(HttpServletRequest request, @RequestParam(defaultValue = "import") String source) throws IOException {
        MediaType type = MediaType.parseMediaType(request.getContentType());
        ImportFormat format = type.isCompatibleWith(MediaType.parseMediaType("text/csv")) ? ImportFormat.CSV : ImportFormat.JSONL;
        Charset charset = type.getCharset() == null ? StandardCharsets.UTF_8 : type.getCharset();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(request.getInputStream(), charset))) {
            return importer.importCustomers(reader, format, source);
        }
    }

    /** The consent change body: {@code status} (granted or withdrawn) and optionally source, proof and at. */
    record ConsentBody(String status, String source, String proof, String at) {
    }

    /**
     * Grants or withdraws one consent. The answer says what is in force now: {@code outcome} APPLIED, UNCHANGED (it was
     * already) or REFUSED (with {@code detail}: e.g. a grant after a withdrawal without fresh proof), and
     * {@code inForce}. A refused change answers 409.
     */
    @PutMapping(path = "/{id}/consent/{channel}/{purpose}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ObjectNode> consent(@PathVariable String id, @PathVariable String channel, @PathVariable String purpose,
                          @RequestBody ConsentBody body, Authentication user) {
        List<InvalidCustomerException.Violation> violations = new ArrayList<>();
        Channel contactChannel = parse(() -> Channel.parse(channel), "channel", violations);
        Purpose consentPurpose = parse(() -> Purpose.parse(purpose), "purpose", violations);
        ConsentStatus status = parse(() -> ConsentStatus.parse(body.status()), "status", violations);
        Instant at = body.at() == null ? clock.instant() : parse(() -> Instant.parse(body.at()), "at", violations);
        if (at != null) {
            timestamps.problem(at).ifPresent(reason -> violations.add(new InvalidCustomerException.Violation("at", reason)));
        }
        if (body.proof() != null && body.proof().length() > 200) {
            violations.add(new InvalidCustomerException.Violation("proof", "is longer than 200 characters"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidCustomerException(violations);
        }
        ConsentSource source = body.source() == null ? ConsentSource.API : ConsentSource.parse(body.source());
        String proof = body.proof() != null ? body.proof() : "api:" + user.getName();
        ConsentUpdate update = store.recordConsent(new ConsentChange(id, contactChannel, consentPurpose, status, source, proof, at));
        return ResponseEntity.status(update.outcome() == ConsentUpdate.Outcome.REFUSED ? HttpStatus.CONFLICT : HttpStatus.OK)
                .body(updateJson(update));
    }

    static ObjectNode updateJson(ConsentUpdate update) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("customerId", update.customerId());
        node.put("applied", update.applied());
        node.put("outcome", update.outcome().name());
        node.put("detail", update.detail());
        ConsentRecord r = update.inForce();
        if (r == null) {
            node.putNull("inForce");
        } else {
            node.set("inForce", consentJson(r));
        }
        return node;
    }

    static ObjectNode consentJson(ConsentRecord r) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("channel", r.channel().name());
        c.put("purpose", r.purpose().name());
        c.put("status", r.status().name());
        c.put("source", r.source().name());
        c.put("at", r.at().toString());
        c.put("proof", r.proof());
        return c;
    }

    private static <T> T parse(java.util.function.Supplier<T> parser, String field, List<InvalidCustomerException.Violation> violations) {
        try {
            return parser.get();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            violations.add(new InvalidCustomerException.Violation(field, e.getMessage()));
            return null;
        }
    }

    // ---- JSON

    static ObjectNode contextJson(CustomerContext context, ZoneId defaultZone) {
        ZoneId zone = context.profile().timeZone() != null ? context.profile().timeZone() : defaultZone;
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.set("profile", profileJson(context.profile()));
        var consents = node.putArray("consents");
        for (ConsentRecord r : context.consents()) {
            consents.add(consentJson(r));
        }
        var touchpoints = node.putArray("touchpoints");
        for (TouchpointRecord t : context.touchpoints()) {
            ObjectNode j = touchpoints.addObject();
            j.put("idempotencyKey", t.idempotencyKey());
            j.put("channel", t.channel().name());
            j.put("purpose", t.purpose().name());
            j.put("journey", t.journey());
            j.put("template", t.template());
            j.put("status", t.status().name());
            j.put("reason", t.reason() != null ? t.reason().name() : t.deferred() ? t.detail() : null);
            j.put("detail", t.detail());
            j.put("decidedAt", t.decidedAt().toString());
            j.put("updatedAt", t.updatedAt().toString());
            j.put("providerMessageId", t.providerMessageId());
            j.put("offerId", t.offerId());
            if (t.deferred() && t.deferredUntil() != null) {
                j.put("deferredUntil", t.deferredUntil().toString());
                j.put("deferredUntilLocal", t.deferredUntil().atZone(zone).toOffsetDateTime().toString());
                j.put("timeZone", zone.getId());
            }
        }
        var offers = node.putArray("offers");
        for (ConversationOffer o : context.offers()) {
            ObjectNode j = offers.addObject();
            j.put("channel", o.channel().name());
            j.put("offerId", o.offerId());
            j.put("journey", o.journey());
            j.put("madeAt", o.madeAt().toString());
            j.put("expiresAt", o.expiresAt() == null ? null : o.expiresAt().toString());
        }
        StorePresence presence = context.presence().orElse(null);
        if (presence == null) {
            node.putNull("presence");
        } else {
            node.putObject("presence").put("storeId", presence.storeId()).put("since", presence.since().toString());
        }
        return node;
    }

    /** A profile in the exchange format (what PUT and the import accept). */
    static ObjectNode profileJson(CustomerProfile p) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", p.id());
        node.put("givenName", p.givenName());
        node.put("familyName", p.familyName());
        node.put("locale", p.locale() == null ? null : p.locale().toLanguageTag());
        node.put("timeZone", p.timeZone() == null ? null : p.timeZone().getId());
        node.put("email", p.email());
        node.put("phone", p.phone());
        var tokens = node.putArray("pushTokens");
        p.pushTokens().forEach(tokens::add);
        node.put("loyaltyTier", p.loyaltyTier());
        node.put("homeStore", p.homeStore());
        ObjectNode attributes = node.putObject("attributes");
        p.attributes().forEach(attributes::put);
        var preferred = node.putArray("preferredChannels");
        p.preferences().preferred().forEach(c -> preferred.add(c.name()));
        node.put("quietHours", p.preferences().quietHours().toString());
        node.put("updatedAt", p.updatedAt() == null ? null : p.updatedAt().toString());
        return node;
    }

    // ---- errors

    @ExceptionHandler(InvalidCustomerException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidCustomerException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The customer is not valid");
        problem.setProperty("violations", e.violations().stream().map(v -> Map.of("field", v.field(), "reason", v.reason())).toList());
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(UnknownCustomerException.class)
    ResponseEntity<ProblemDetail> unknown(UnknownCustomerException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No customer " + e.customerId()));
    }

    @ExceptionHandler(ContextUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(ContextUnavailableException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "5")
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
    }
}
