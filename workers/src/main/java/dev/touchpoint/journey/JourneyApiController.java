package dev.touchpoint.journey;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.response.PublishMessageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import dev.touchpoint.security.Roles;
import java.time.Duration;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Journeys by hand: what is deployed, start a journey for a customer, publish a message (what an event would do).
 * Customer events in production come through the event ingress. Who may do what (ADR-0016):
 * <ul>
 *   <li>{@code GET}: ADMIN, MARKETING, DESIGNER, OPERATOR;</li>
 *   <li>starting a journey or publishing a message makes Touchpoint contact a customer, so ADMIN and MARKETING may do
 *       it for any customer, a DESIGNER only for the test customers of {@code touchpoint.journeys.test-customers},
 *       an OPERATOR not at all;</li>
 *   <li>a message must not rewrite a running journey's recipient or content: its variables may not contain
 *       {@code templateVariables} or {@code loopCounter}, and {@code customerId} only when it equals the correlation
 *       key (the customer the message is for).</li>
 * </ul>
 */
@RestController
@RequestMapping("/api/journeys")
@PreAuthorize("hasAnyRole('ADMIN', 'MARKETING', 'DESIGNER', 'OPERATOR')")
class JourneyApiController {

    /** Variables a message may never carry into a running journey. */
    static final List<String> RESERVED_MESSAGE_VARIABLES = List.of("templateVariables", "loopCounter");

    private final CamundaClient client;
    private final JourneyDeployer deployer;
    private final JourneyProperties properties;
    private final InterruptedJourneys interrupted;

    JourneyApiController(CamundaClient client, JourneyDeployer deployer, JourneyProperties properties,
                         InterruptedJourneys interrupted) {
        this.client = client;
        this.deployer = deployer;
        this.properties = properties;
        this.interrupted = interrupted;
    }

    /** The journeys the last stop of the embedded engine interrupted, not restarted yet (customer ids, no variables). */
    @GetMapping("/interrupted")
    List<Map<String, Object>> interrupted() {
        return interrupted.interrupted().stream().map(j -> {
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("engine", j.engine());
            row.put("instance", j.instance());
            row.put("journey", j.journey() + ":" + j.version());
            row.put("customerId", j.customerId());
            return row;
        }).toList();
    }

    /** Starts every interrupted journey again from its start; touchpoints they already sent are not sent again. */
    @PostMapping("/interrupted/restart")
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETING')")
    InterruptedJourneys.RestartReport restartInterrupted() {
        return interrupted.restart();
    }

    /** The last start-up deployment: journeys and versions, rejected files. */
    @GetMapping
    ResponseEntity<JourneyDeploymentReport> deployed() {
        return deployer.lastReport().map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.noContent().build());
    }

    /** Starts the latest version of a journey with the given variables (they must include {@code customerId}). */
    @PostMapping("/{processId}/instances")
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETING', 'DESIGNER')")
    ResponseEntity<Map<String, Object>> start(@PathVariable String processId, @RequestBody Map<String, Object> variables,
                                              Authentication user) {
        if (!(variables.get("customerId") instanceof String customerId) || customerId.isBlank()) {
            return ResponseEntity.badRequest().body(Map.of("error", "variables must include customerId"));
        }
        if (!mayAddress(user, customerId)) {
            return notATestCustomer(customerId);
        }
        try {
            ProcessInstanceEvent instance = client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion()
                    .variables(variables).send().join();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("processId", instance.getBpmnProcessId());
            body.put("version", instance.getVersion());
            body.put("processInstanceKey", instance.getProcessInstanceKey());
            return ResponseEntity.status(HttpStatus.CREATED).body(body);
        } catch (ClientStatusException e) {
            return ResponseEntity.status(e.getStatusCode().name().equals("NOT_FOUND") ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST)
                    .body(Map.of("error", e.getMessage()));
        }
    }

    /** Publishes a message: starts journeys with that message start event, or advances waiting ones. */
    @PostMapping("/messages")
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETING', 'DESIGNER')")
    ResponseEntity<Map<String, Object>> publish(@Valid @RequestBody MessageRequest message, Authentication user) {
        Map<String, Object> variables = message.variables() == null ? Map.of() : message.variables();
        for (String reserved : RESERVED_MESSAGE_VARIABLES) {
            if (variables.containsKey(reserved)) {
                return ResponseEntity.badRequest().body(Map.of("field", "variables." + reserved, "error",
                        "a message may not set " + reserved + ": it would change what a running journey sends"));
            }
        }
        if (variables.containsKey("customerId") && !message.correlationKey().equals(variables.get("customerId"))) {
            return ResponseEntity.badRequest().body(Map.of("field", "variables.customerId", "error",
                    "customerId must equal the correlationKey: a message may not redirect a running journey to another customer"));
        }
        if (!mayAddress(user, message.correlationKey())) {
            return notATestCustomer(message.correlationKey());
        }
        var command = client.newPublishMessageCommand().messageName(message.name())
                .correlationKey(message.correlationKey())
                .timeToLive(message.timeToLive() == null ? Duration.ofHours(1) : Duration.parse(message.timeToLive()))
                .variables(variables);
        if (message.messageId() != null && !message.messageId().isBlank()) {
            command = command.messageId(message.messageId());
        }
        PublishMessageResponse response = command.send().join();
        return ResponseEntity.accepted().body(Map.of("messageKey", response.getMessageKey()));
    }

    /** ADMIN and MARKETING address any customer; a DESIGNER only the configured test customers. */
    private boolean mayAddress(Authentication user, String customerId) {
        boolean any = user.getAuthorities().stream().map(a -> a.getAuthority())
                .anyMatch(a -> a.equals("ROLE_" + Roles.ADMIN) || a.equals("ROLE_" + Roles.MARKETING));
        return any || properties.isTestCustomer(customerId);
    }

    private static ResponseEntity<Map<String, Object>> notATestCustomer(String customerId) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", "'" + customerId + "' is not one of the "
                + "test customers (touchpoint.journeys.test-customers); only ADMIN and MARKETING address any customer"));
    }

    /**
     * @param name the BPMN message name, e.g. {@code customer.signed-up}
     * @param correlationKey usually the customer id
     * @param messageId optional: a second message with the same id is not published twice while the first is buffered
     * @param timeToLive ISO-8601 duration the message waits for a subscriber (default PT1H)
     * @param variables variables the message carries into the journey
     */
    record MessageRequest(@NotBlank String name, @NotBlank String correlationKey, String messageId,
                          @Pattern(regexp = "P.*") String timeToLive, Map<String, Object> variables) {}
}
