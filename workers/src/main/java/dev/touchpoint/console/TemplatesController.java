package dev.touchpoint.console;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoint.brand.BrandDesignSystem;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.brand.PreviewSample;
import dev.touchpoint.brand.RenderReport;
import dev.touchpoint.brand.RenderRequest;
import dev.touchpoint.brand.RenderedEmail;
import dev.touchpoint.brand.RenderedKiosk;
import dev.touchpoint.brand.TemplateDescriptor;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/**
 * Templates (designers, marketing): every template x channel in a locale, rendered by the brand design system with
 * its sample variables (or variables typed on the page), with every rule violation. Email and kiosk screens are shown
 * in sandboxed frames (no scripts, no same origin); SMS with its encoding and segment count; push as a device preview.
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Controller
class TemplatesController {

    /** What a frame's document may do: nothing but show itself (inline styles and data images). */
    static final String FRAME_POLICY = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

    private final BrandDesignSystem brand;
    private final ObjectMapper json;

    TemplatesController(BrandDesignSystem brand, ObjectMapper json) {
        this.brand = brand;
        this.json = json;
    }

    /** One rendered template x channel for the page. */
    record Preview(TemplateDescriptor template, Channel channel, RenderReport report, String frame) {
        public String channelId() {
            return channel.id();
        }
    }

    @GetMapping("/console/templates")
    String gallery(@RequestParam(required = false) String locale, @RequestParam(required = false) String template,
                   @RequestParam(required = false) String variables, Model model) {
        String tag = locale(locale);
        List<Preview> previews = new ArrayList<>();
        String variablesError = null;
        Map<String, Object> overrides = Map.of();
        if (template != null && variables != null && !variables.isBlank()) {
            try {
                overrides = json.readValue(variables, new TypeReference<LinkedHashMap<String, Object>>() { });
            } catch (JsonProcessingException e) {
                variablesError = "variables: not a JSON object (" + e.getOriginalMessage() + ")";
            }
        }
        for (TemplateDescriptor descriptor : brand.templates()) {
            if (template != null && !template.isBlank() && !descriptor.id().equals(template)) {
                continue;
            }
            for (Channel channel : Channel.values()) {
                if (descriptor.supports(channel)) {
                    RenderReport report = brand.check(request(descriptor.id(), channel, tag, overrides));
                    String frame = channel == Channel.EMAIL || channel == Channel.KIOSK
                            ? "/console/templates/" + descriptor.id() + "/" + channel.id() + ".html" : null;
                    previews.add(new Preview(descriptor, channel, report, frame));
                }
            }
        }
        model.addAttribute("locale", tag);
        model.addAttribute("locales", brand.locales());
        model.addAttribute("templates", brand.templates());
        model.addAttribute("template", template);
        model.addAttribute("previews", previews);
        model.addAttribute("variablesError", variablesError);
        if (template != null && !template.isBlank()) {
            model.addAttribute("variables", variables != null && !variables.isBlank() ? variables : sampleJson(template, tag));
        }
        return "console/templates";
    }

    /** The rendered email or kiosk screen for a sandboxed frame (sample variables, or {@code variables} as JSON). */
    @GetMapping(path = "/console/templates/{id}/{channel}.html", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    ResponseEntity<String> frame(@PathVariable String id, @PathVariable String channel, @RequestParam(required = false) String locale,
                                 @RequestParam(required = false) String variables) {
        Channel c = switch (channel) {
            case "email" -> Channel.EMAIL;
            case "kiosk" -> Channel.KIOSK;
            default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no frame for channel " + channel);
        };
        if (brand.descriptor(id).filter(d -> d.supports(c)).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no " + channel + " template " + id);
        }
        Map<String, Object> overrides = Map.of();
        if (variables != null && !variables.isBlank()) {
            try {
                overrides = json.readValue(variables, new TypeReference<LinkedHashMap<String, Object>>() { });
            } catch (JsonProcessingException e) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "variables: not a JSON object");
            }
        }
        RenderReport report = brand.check(request(id, c, locale(locale), overrides));
        String html = report.message().map(m -> m instanceof RenderedEmail e ? e.html()
                        : m instanceof RenderedKiosk k ? k.standalonePage() : "")
                .orElse("<p>Not rendered: " + report.failure().map(Throwable::getMessage).orElse("see the violations")
                        .replace("<", "&lt;") + "</p>");
        return ResponseEntity.ok().header("Content-Security-Policy", FRAME_POLICY).contentType(MediaType.TEXT_HTML).body(html);
    }

    private RenderRequest request(String id, Channel channel, String locale, Map<String, Object> overrides) {
        PreviewSample sample = brand.sample(id, locale).orElse(null);
        Map<String, Object> variables = new LinkedHashMap<>(sample == null ? Map.of() : sample.variables());
        variables.putAll(overrides);
        return new RenderRequest(id, channel, Locale.forLanguageTag(locale), sample == null ? ZoneOffset.UTC : sample.zone(),
                variables, sample == null ? "preview-token" : sample.unsubscribeToken());
    }

    private String sampleJson(String id, String locale) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(
                    brand.sample(id, locale).map(PreviewSample::variables).orElse(Map.of()));
        } catch (JsonProcessingException e) {
            return "{}";
        }
    }

    private String locale(String requested) {
        return requested != null && brand.locales().contains(requested) ? requested : brand.defaultLocale();
    }
}
