package dev.touchpoint.campaign.internal;

import dev.touchpoint.campaign.Campaigns;
import dev.touchpoint.campaign.CampaignDefinition;
import dev.touchpoint.campaign.CampaignView;
import dev.touchpoint.campaign.DryRunReport;
import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/campaigns}: the marketing-ops API (role MARKETING or ADMIN); {@code ./touchpoint campaign ...} calls it. */
@RestController
@RequestMapping("/api/campaigns")
@PreAuthorize("hasAnyRole('ADMIN', 'MARKETING')")
class CampaignApiController {

    private final CampaignService campaigns;

    CampaignApiController(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    @PostMapping
    ResponseEntity<CampaignView> define(@RequestBody CampaignDefinition definition, Principal user) {
        String id = campaigns.define(definition, user == null ? null : user.getName());
        return ResponseEntity.status(HttpStatus.CREATED).body(campaigns.view(id).orElseThrow());
    }

    @GetMapping
    List<CampaignView> all() {
        return campaigns.all();
    }

    @GetMapping("/{id}")
    ResponseEntity<CampaignView> one(@PathVariable String id) {
        return ResponseEntity.of(campaigns.view(id));
    }

    /** Body: CSV ({@code text/csv}) or JSON lines ({@code application/x-ndjson} / {@code application/jsonl}), streamed. */
    @PostMapping(path = "/{id}/audience", consumes = {"text/csv", "text/plain", "application/x-ndjson", "application/jsonl"})
    Campaigns.UploadReport upload(@PathVariable String id, InputStream body,
                                        @RequestHeader("Content-Type") String contentType) throws IOException {
        return campaigns.upload(id, body, contentType.contains("json"));
    }

    @PostMapping("/{id}/dry-run")
    DryRunReport dryRun(@PathVariable String id) {
        return campaigns.dryRun(id);
    }

    @PostMapping("/{id}/launch")
    CampaignView launch(@PathVariable String id) {
        campaigns.launch(id);
        return campaigns.view(id).orElseThrow();
    }

    @PostMapping("/{id}/pause")
    CampaignView pause(@PathVariable String id) {
        campaigns.pause(id);
        return campaigns.view(id).orElseThrow();
    }

    @PostMapping("/{id}/resume")
    CampaignView resume(@PathVariable String id) {
        campaigns.resume(id);
        return campaigns.view(id).orElseThrow();
    }

    @PostMapping("/{id}/cancel")
    CampaignView cancel(@PathVariable String id) {
        campaigns.cancel(id);
        return campaigns.view(id).orElseThrow();
    }

    @ExceptionHandler(Campaigns.NoSuchCampaignException.class)
    ResponseEntity<Map<String, String>> notFound(Campaigns.NoSuchCampaignException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> invalid(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<Map<String, String>> conflict(IllegalStateException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
    }
}
