package dev.touchpoint.brand.preview;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.brand.ContentFingerprint;
import dev.touchpoint.brand.RenderReport;
import dev.touchpoint.brand.RenderedEmail;
import dev.touchpoint.brand.RenderedKiosk;
import dev.touchpoint.brand.RenderedMessage;
import dev.touchpoint.brand.RenderedPush;
import dev.touchpoint.brand.RenderedSms;
import dev.touchpoint.brand.RuleViolation;
import dev.touchpoint.brand.SenderIdentity;
import dev.touchpoint.channel.gsm.SmsEncoding;
import dev.touchpoint.brand.TemplateDescriptor;
import dev.touchpoint.brand.internal.html.HtmlEntities;
import dev.touchpoint.channel.gsm.SmsSegmentCalculator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes previews of rendered messages: {@code <out>/<template>/<locale>/email.eml|email.html|email.txt},
 * {@code sms.txt}, {@code push.json}, {@code kiosk.html}, and an {@code index.html} over all of them.
 */
public final class PreviewWriter {

    /** A preview recipient on a reserved domain, so a preview can never reach anyone. */
    public static final SenderIdentity PREVIEW_RECIPIENT = new SenderIdentity("Preview", "preview@example.com");

    private final Path root;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public PreviewWriter(Path root) {
        this.root = root;
    }

    /** What was written for one template x channel x locale. */
    public record Entry(String templateId, Channel channel, String locale, boolean ok, List<String> files,
                        List<String> problems) {
    }

    public Entry write(TemplateDescriptor template, Channel channel, String locale, RenderReport report) {
        Path dir = root.resolve(template.id()).resolve(locale);
        List<String> files = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        report.failure().ifPresent(f -> problems.add(f.getMessage()));
        report.violations().forEach(v -> problems.add(v.severity() + " " + v.rule() + " (" + v.field() + "): "
                + v.message()));
        try {
            Files.createDirectories(dir);
            if (report.message().isPresent()) {
                RenderedMessage message = report.message().get();
                switch (message) {
                    case RenderedEmail email -> {
                        files.add(write(dir, "email.eml", new String(EmlWriter.bytes(email, PREVIEW_RECIPIENT,
                                ZonedDateTime.now(report.request().zone())), StandardCharsets.US_ASCII)));
                        files.add(write(dir, "email.html", email.html()));
                        files.add(write(dir, "email.txt", email.text()));
                    }
                    case RenderedSms sms -> files.add(write(dir, "sms.txt", sms(template, sms, report)));
                    case RenderedPush push -> files.add(write(dir, "push.json", push(push, report)));
                    case RenderedKiosk kiosk -> files.add(write(dir, "kiosk.html", kiosk.standalonePage()));
                }
            }
            if (!problems.isEmpty()) {
                files.add(write(dir, channel.id() + ".problems.txt", String.join("\n", problems) + "\n"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Entry(template.id(), channel, locale, report.ok(), files, problems);
    }

    private static String write(Path dir, String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return dir.getParent().getFileName() + "/" + dir.getFileName() + "/" + name;
    }

    private static String sms(TemplateDescriptor template, RenderedSms sms, RenderReport report) {
        boolean gsm = sms.encoding() == SmsEncoding.GSM_7;
        int single = gsm ? SmsSegmentCalculator.GSM7_SINGLE : SmsSegmentCalculator.UCS2_SINGLE;
        int part = gsm ? SmsSegmentCalculator.GSM7_PART : SmsSegmentCalculator.UCS2_PART;
        StringBuilder text = new StringBuilder();
        text.append("# template:   ").append(template.id()).append(' ').append(template.version()).append(" (")
                .append(template.category().id()).append(")\n");
        text.append("# locale:     ").append(sms.fingerprint().locale()).append('\n');
        text.append("# sender:     ").append(sms.senderId()).append('\n');
        text.append("# encoding:   ").append(gsm ? "GSM-7" : "UCS-2").append('\n');
        text.append("# segments:   ").append(sms.segments()).append(" of at most ")
                .append(template.smsSegmentBudget()).append(" (").append(sms.units())
                .append(gsm ? " septets; " : " UTF-16 code units; ").append(single).append(" in one SMS, ")
                .append(part).append(" per part)\n");
        text.append("# characters: ").append(sms.characters()).append('\n');
        text.append("# opt-out:    ").append(sms.optOutAppended() ? "appended" : "not appended").append('\n');
        text.append("# sha256:     ").append(sms.fingerprint().sha256()).append('\n');
        for (RuleViolation warning : report.warnings()) {
            text.append("# warning:    ").append(warning.rule()).append(": ").append(warning.message()).append('\n');
        }
        text.append("----------------------------------------\n");
        text.append(sms.body()).append('\n');
        return text.toString();
    }

    private String push(RenderedPush push, RenderReport report) throws IOException {
        Map<String, Object> preview = new LinkedHashMap<>();
        preview.put("title", push.title());
        preview.put("body", push.body());
        preview.put("deepLink", push.deepLink().toString());
        preview.put("imageUrl", push.imageUrl().map(Object::toString).orElse(null));
        preview.put("androidChannelId", push.androidChannelId());
        preview.put("data", push.data());
        preview.put("payloadBytes", push.payloadBytes());
        preview.put("payload", json.readTree(push.payloadJson()));
        preview.put("fingerprint", fingerprint(push.fingerprint()));
        preview.put("warnings", report.warnings().stream().map(RuleViolation::toString).toList());
        return json.writeValueAsString(preview) + "\n";
    }

    private static Map<String, Object> fingerprint(ContentFingerprint fingerprint) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("templateId", fingerprint.templateId());
        map.put("templateVersion", fingerprint.templateVersion());
        map.put("locale", fingerprint.locale());
        map.put("channel", fingerprint.channel().id());
        map.put("sha256", fingerprint.sha256());
        return map;
    }

    /** Writes {@code index.html}, a table linking every preview, and returns its path. */
    public Path writeIndex(List<Entry> entries) throws IOException {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Touchpoint previews</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;margin:2rem;}table{border-collapse:collapse;}")
                .append("td,th{padding:.3rem .8rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top;}")
                .append(".fail{color:#a00;font-weight:600;}.ok{color:#064;}small{color:#555;}")
                .append("</style>\n</head>\n<body>\n<h1>Touchpoint previews</h1>\n<table>\n")
                .append("<tr><th>Template</th><th>Channel</th><th>Locale</th><th>Status</th><th>Files</th></tr>\n");
        for (Entry entry : entries) {
            html.append("<tr><td>").append(HtmlEntities.escape(entry.templateId())).append("</td><td>")
                    .append(entry.channel().id()).append("</td><td>").append(HtmlEntities.escape(entry.locale()))
                    .append("</td><td class=\"").append(entry.ok() ? "ok\">OK" : "fail\">FAIL").append("</td><td>");
            for (String file : entry.files()) {
                html.append("<a href=\"").append(HtmlEntities.escape(file)).append("\">")
                        .append(HtmlEntities.escape(file.substring(file.lastIndexOf('/') + 1))).append("</a> ");
            }
            for (String problem : entry.problems()) {
                html.append("<br><small>").append(HtmlEntities.escape(problem)).append("</small>");
            }
            html.append("</td></tr>\n");
        }
        html.append("</table>\n</body>\n</html>\n");
        Files.createDirectories(root);
        Path index = root.resolve("index.html");
        Files.writeString(index, html.toString(), StandardCharsets.UTF_8);
        return index;
    }
}
