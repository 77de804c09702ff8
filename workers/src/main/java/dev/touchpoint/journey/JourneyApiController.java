package dev.touchpoint.journey;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.response.PublishMessageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * For journey designers and operators trying journeys by hand: what is deployed, start a journey for a customer,
 * publish a message (what an event would do). Customer events in production come through the event ingress.
 */
@RestController
@RequestMapping("/api/journeys")
@PreAuthorize("hasAnyRole('ADMIN', 'DESIGNER', 'OPERATOR')")
class JourneyApiController {

    private final CamundaClient client;
    private final JourneyDeployer deployer;

    JourneyApiController(CamundaClient client, JourneyDeployer deployer) {
        this.client = client;
        this.deployer = deployer;
    }

    /** The last start-up deployment: journeys and versions, rejected files. */
    @GetMapping
    ResponseEntity<JourneyDeploymentReport> deployed() {
        return deployer.lastReport().map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.noContent().build());
    }

    /** Starts the latest version of a journey with the given variables (they must include {@code customerId}). */
    @PostMapping("/{processId}/instances")
    ResponseEntity<Map<String, Object>> start(@PathVariable String processId, @RequestBody Map<String, Object> variables) {
        if (!(variables.get("customerId") instanceof String customerId) || customerId.isBlank()) {
            return ResponseEntity.badRequest().body(Map.of("error", "variables must include customerId"));
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
    ResponseEntity<Map<String, Object>> publish(@Valid @RequestBody MessageRequest message) {
        var command = client.newPublishMessageCommand().messageName(message.name())
                .correlationKey(message.correlationKey())
                .timeToLive(message.timeToLive() == null ? Duration.ofHours(1) : Duration.parse(message.timeToLive()))
                .variables(message.variables() == null ? Map.of() : message.variables());
        if (message.messageId() != null && !message.messageId().isBlank()) {
            command = command.messageId(message.messageId());
        }
        PublishMessageResponse response = command.send().join();
        return ResponseEntity.accepted().body(Map.of("messageKey", response.getMessageKey()));
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
