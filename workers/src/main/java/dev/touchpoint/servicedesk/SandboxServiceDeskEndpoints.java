package dev.touchpoint.servicedesk;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * What the sandbox service desk received (embedded default): {@code GET}, and {@code DELETE} to start over. 404 when
 * tasks go to a real service desk ({@code touchpoint.service-desk.url}).
 */
@RestController
@RequestMapping("/api/sandbox/service-desk/tasks")
public class SandboxServiceDeskEndpoints {

    private final ServiceDesk desk;

    public SandboxServiceDeskEndpoints(ServiceDesk desk) {
        this.desk = desk;
    }

    @GetMapping
    public Map<String, List<ServiceDeskTask>> tasks() {
        return Map.of("tasks", sandbox().tasks());
    }

    @DeleteMapping
    public ResponseEntity<Void> clear() {
        sandbox().clear();
        return ResponseEntity.noContent().build();
    }

    private SandboxServiceDesk sandbox() {
        if (desk instanceof SandboxServiceDesk sandbox) {
            return sandbox;
        }
        throw new ResponseStatusException(HttpStatus.NOT_FOUND,
                "Service desk tasks go to " + desk.describe() + ", not to the sandbox");
    }
}
