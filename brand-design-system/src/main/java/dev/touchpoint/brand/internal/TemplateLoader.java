package dev.touchpoint.brand.internal;

import com.github.jknack.handlebars.Template;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.brand.TemplateDefinitionException;
import dev.touchpoint.brand.TemplateDescriptor;
import dev.touchpoint.brand.VariableSpec;
import dev.touchpoint.brand.tokens.DesignTokens;
import dev.touchpoint.brand.tokens.TokenType;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads one touchpoint template ({@code templates/<id>/}): binds its descriptor and channel files, compiles every
 * part with the brand's {@link TemplateCompiler}, checks that each part refers only to declared variables and that
 * its messages are complete in every locale ({@link BrandMessages}), and binds its preview samples.
 */
final class TemplateLoader {

    /** Names every template sees besides its variables; a variable must not take one of them. */
    static final Set<String> RESERVED_ROOTS = Set.of("brand", "touchpoint", "screen", "this", "count", "survey");
    private static final Pattern HASH_KEY = Pattern.compile("\\s([a-zA-Z_][A-Za-z0-9_]*)=");

    private final ResourceSource source;
    private final DescriptorReader reader;
    private final TemplateCompiler compiler;
    private final BrandMessages messages;
    private final DesignTokens tokens;
    private final List<String> locales;
    private final int defaultSegmentBudget;
    private final boolean hasKioskFrame;
    private final boolean hasSurveyPage;

    /**
     * @param hasKioskFrame whether the brand lists {@code layouts/kiosk} (the kiosk channel needs it)
     * @param hasSurveyPage whether the brand lists {@code layouts/survey-page} (a survey needs it)
     */
    TemplateLoader(ResourceSource source, DescriptorReader reader, TemplateCompiler compiler, BrandMessages messages,
                   DesignTokens tokens, List<String> locales, int defaultSegmentBudget, boolean hasKioskFrame,
                   boolean hasSurveyPage) {
        this.source = source;
        this.reader = reader;
        this.compiler = compiler;
        this.messages = messages;
        this.tokens = tokens;
        this.locales = locales;
        this.defaultSegmentBudget = defaultSegmentBudget;
        this.hasKioskFrame = hasKioskFrame;
        this.hasSurveyPage = hasSurveyPage;
    }

    LoadedTemplate load(String id) {
        String dir = "templates/" + id + "/";
        String descriptorFile = dir + "template.json";
        TemplateDescriptor descriptor = reader.descriptor(descriptorFile, DescriptorReader.Schema.TEMPLATE,
                TemplateFile.class).toDescriptor(id, descriptorFile, locales, defaultSegmentBudget);

        Set<String> roots = new HashSet<>(RESERVED_ROOTS);
        for (VariableSpec variable : descriptor.variables()) {
            roots.add(variable.name());
            variable.items().forEach(item -> roots.add(item.name()));
        }
        roots.remove("screen");
        if (descriptor.survey().isPresent() && !hasSurveyPage) {
            throw new TemplateDefinitionException(descriptorFile, "a survey template needs layouts/survey-page in"
                    + " brand.json (the page its links land on)");
        }
        if (descriptor.survey().isPresent()) {
            // the fields of survey.answers, read inside {{#each survey.answers}}
            roots.add("score");
            roots.add("url");
        } else {
            roots.remove("survey");
        }

        Map<Channel, Map<String, Template>> fields = new EnumMap<>(Channel.class);
        Map<String, Template> pushData = new LinkedHashMap<>();
        Template emailHtml = null;
        Template emailText = null;
        Template sms = null;
        String illustration = null;
        List<String> sources = new ArrayList<>();

        if (descriptor.supports(Channel.EMAIL)) {
            String emailFile = dir + "email.json";
            ChannelFiles.Email email = reader.descriptor(emailFile, DescriptorReader.Schema.EMAIL,
                    ChannelFiles.Email.class);
            fields.put(Channel.EMAIL, fieldTemplates(emailFile, email.templates(), roots, sources));
            String htmlFile = dir + "email.html.hbs";
            String htmlSource = source.text(htmlFile).orElseThrow(() -> new TemplateDefinitionException(htmlFile,
                    "missing: the email channel needs an HTML body"));
            emailHtml = compiler.html(htmlFile, htmlSource);
            compiler.lint(emailHtml, htmlFile, roots);
            sources.add(htmlSource);
            String textFile = dir + "email.text.hbs";
            String textSource = source.text(textFile).orElse(null);
            if (textSource != null) {
                emailText = compiler.text(textFile, textSource);
                compiler.lint(emailText, textFile, roots);
                sources.add(textSource);
            }
        }
        if (descriptor.supports(Channel.SMS)) {
            String smsFile = dir + "sms.hbs";
            String smsSource = source.text(smsFile).orElseThrow(() -> new TemplateDefinitionException(smsFile,
                    "missing: the sms channel needs a body"));
            sms = compiler.text(smsFile, smsSource);
            compiler.lint(sms, smsFile, roots);
            sources.add(smsSource);
        }
        if (descriptor.supports(Channel.PUSH)) {
            String pushFile = dir + "push.json";
            ChannelFiles.Push push = reader.descriptor(pushFile, DescriptorReader.Schema.PUSH,
                    ChannelFiles.Push.class);
            fields.put(Channel.PUSH, fieldTemplates(pushFile, push.templates(), roots, sources));
            for (Map.Entry<String, String> entry : push.data().entrySet()) {
                String file = pushFile + "#data." + entry.getKey();
                Template compiled = compiler.text(file, entry.getValue());
                compiler.lint(compiled, file, roots);
                pushData.put(entry.getKey(), compiled);
                sources.add(entry.getValue());
            }
        }
        if (descriptor.supports(Channel.KIOSK)) {
            if (!hasKioskFrame) {
                throw new TemplateDefinitionException(descriptorFile, "the kiosk channel needs layouts/kiosk in"
                        + " brand.json");
            }
            String kioskFile = dir + "kiosk.json";
            ChannelFiles.Kiosk kiosk = reader.descriptor(kioskFile, DescriptorReader.Schema.KIOSK,
                    ChannelFiles.Kiosk.class);
            fields.put(Channel.KIOSK, fieldTemplates(kioskFile, kiosk.templates(), roots, sources));
            if (kiosk.illustration() != null) {
                illustration = kiosk.illustration();
                if (tokens.find(illustration).map(t -> t.type() != TokenType.FILE).orElse(true)) {
                    throw new TemplateDefinitionException(kioskFile, "illustration '" + illustration
                            + "' must name a file token");
                }
            }
        }

        // Messages may also print the hash arguments templates pass to them ({{t "x" name=value}}).
        Set<String> messageRoots = new HashSet<>(roots);
        for (String text : sources) {
            Matcher m = HASH_KEY.matcher(text);
            while (m.find()) {
                messageRoots.add(m.group(1));
            }
        }
        Map<String, String> required = new LinkedHashMap<>();
        if (descriptor.survey().isPresent()) {
            required.put("question", "a survey template needs the message 'question' (its question, shown on every"
                    + " channel and on the survey page)");
        }
        Map<String, String> defaults = new LinkedHashMap<>();
        for (VariableSpec variable : descriptor.variables()) {
            if (variable.defaultMessage() != null) {
                defaults.putIfAbsent(variable.defaultMessage(), variable.name());
            }
        }
        Map<String, MessageBundle> bundles = messages.template(dir, messageRoots, sources, required, defaults);
        return new LoadedTemplate(descriptor, bundles, fields, pushData, emailHtml, emailText, sms, illustration,
                reader.optionalDescriptor(dir + "samples.json", DescriptorReader.Schema.SAMPLES, SampleFile.class)
                        .orElse(null));
    }

    /** Compiles the field templates of a channel file, in the order given. */
    private Map<String, Template> fieldTemplates(String file, Map<String, String> fieldSources, Set<String> roots,
                                                 List<String> sources) {
        Map<String, Template> result = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : fieldSources.entrySet()) {
            Template compiled = compiler.text(file + "#" + field.getKey(), field.getValue());
            compiler.lint(compiled, file + "#" + field.getKey(), roots);
            result.put(field.getKey(), compiled);
            sources.add(field.getValue());
        }
        return result;
    }
}
