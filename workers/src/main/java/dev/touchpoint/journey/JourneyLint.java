package dev.touchpoint.journey;

import dev.touchpoint.brand.BrandDesignSystem;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.brand.TemplateDescriptor;
import dev.touchpoint.brand.VariableSpec;
import dev.touchpoint.tasks.TaskNames.Errors;
import dev.touchpoint.tasks.TaskNames.Headers;
import dev.touchpoint.tasks.TaskNames.Inputs;
import dev.touchpoint.tasks.TaskNames.Types;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeInput;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks every touchpoint task of a journey before it is deployed, for what the engine cannot know: the template
 * exists in the brand design system and has a version for the task's channel, the journey supplies every variable
 * the template requires (when it maps them as a FEEL context literal), and a task that throws TOUCHPOINT_SUPPRESSED
 * has something to catch it. Each problem names the file, the element and the fix.
 */
public class JourneyLint {

    private static final Map<String, Channel> CHANNEL_OF_TYPE = Map.of(
            Types.EMAIL_SEND, Channel.EMAIL,
            Types.SMS_SEND, Channel.SMS,
            Types.PUSH_SEND, Channel.PUSH,
            Types.KIOSK_SHOW, Channel.KIOSK);
    private static final String BEST_CHANNEL = Types.BEST_CHANNEL_SEND;
    private static final String SUPPRESSED = Errors.SUPPRESSED;
    /** Variables the workers take from the customer context, so a journey need not supply them. */
    private static final Set<String> FROM_CONTEXT = Set.of("firstName", "lastName", "loyaltyTier");
    /** The keys of a FEEL context literal: {@code ={cartItems: cart.items, "cartTotal": cart.total}}. */
    private static final Pattern CONTEXT_KEY = Pattern.compile("(?:^\\s*=?\\s*\\{|,)\\s*\"?([A-Za-z_][A-Za-z0-9_]*)\"?\\s*:");

    private final BrandDesignSystem brand;

    public JourneyLint(BrandDesignSystem brand) {
        this.brand = brand;
    }

    public List<DiagramProblem> check(List<JourneyFile> files) {
        List<DiagramProblem> problems = new ArrayList<>();
        for (JourneyFile file : files) {
            if (file.resourceName().toLowerCase().endsWith(".bpmn")) {
                check(file, problems);
            }
        }
        return problems;
    }

    private void check(JourneyFile file, List<DiagramProblem> problems) {
        BpmnModelInstance model;
        try {
            model = Bpmn.readModelFromStream(new ByteArrayInputStream(file.content()));
        } catch (RuntimeException unreadable) {
            return; // the engine reports unreadable XML with its line number
        }
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            ZeebeTaskDefinition definition = task.getSingleExtensionElement(ZeebeTaskDefinition.class);
            String type = definition == null ? null : definition.getType();
            if (type == null || !(CHANNEL_OF_TYPE.containsKey(type) || BEST_CHANNEL.equals(type))) {
                continue;
            }
            checkTask(file, task, type, problems);
        }
    }

    private void checkTask(JourneyFile file, ServiceTask task, String type, List<DiagramProblem> problems) {
        Optional<String> templateId = header(task, Headers.TEMPLATE_ID);
        if (templateId.isEmpty()) {
            problems.add(problem(file, task, "has no task header 'templateId': apply the Touchpoint element template and pick a"
                    + " brand template"));
            return;
        }
        Optional<TemplateDescriptor> template = brand.descriptor(templateId.get());
        if (template.isEmpty()) {
            problems.add(problem(file, task, "uses template '" + templateId.get() + "', which the brand design system does not"
                    + " have; pick one of " + brand.templates().stream().map(TemplateDescriptor::id).sorted().toList()));
            return;
        }
        Channel channel = CHANNEL_OF_TYPE.get(type);
        if (channel != null && !template.get().supports(channel)) {
            problems.add(problem(file, task, "sends template '" + template.get().id() + "' by " + channel.name().toLowerCase()
                    + ", but it has no " + channel.name().toLowerCase() + " version (it has " + template.get().channels()
                    + "); pick another template or task type"));
        }
        input(task, Inputs.TEMPLATE_VARIABLES).flatMap(JourneyLint::contextKeys).ifPresent(supplied -> {
            for (VariableSpec variable : template.get().requiredVariables()) {
                if (!supplied.contains(variable.name()) && !FROM_CONTEXT.contains(variable.name())) {
                    problems.add(problem(file, task, "does not supply '" + variable.name() + "', which template '"
                            + template.get().id() + "' requires: add it to the task's templateVariables, e.g. ={"
                            + variable.name() + ": ...}"));
                }
            }
        });
        Optional<String> category = header(task, Headers.CATEGORY).map(String::strip);
        if (template.get().category() == dev.touchpoint.brand.Category.MARKETING
                && category.filter("transactional"::equalsIgnoreCase).isPresent()) {
            problems.add(problem(file, task, "sets category 'transactional' on template '" + template.get().id()
                    + "', which is marketing: that would skip the marketing opt-in, the contact budget and quiet hours. A task"
                    + " header may only make a touchpoint stricter: remove the header, or pick a transactional template"));
        }
        boolean throwsSuppressed = header(task, Headers.ON_SUPPRESSED).filter("error"::equalsIgnoreCase).isPresent();
        if (throwsSuppressed && !caught(task, SUPPRESSED)) {
            problems.add(problem(file, task, "throws TOUCHPOINT_SUPPRESSED (onSuppressed=error) but nothing catches it, so a"
                    + " withheld touchpoint would become an incident: attach an error boundary event for"
                    + " TOUCHPOINT_SUPPRESSED, or set 'When withheld' to Continue"));
        }
    }

    /** The keys of a FEEL context literal, or empty when the expression is something else (then nothing is checked). */
    static Optional<Set<String>> contextKeys(String expression) {
        String trimmed = expression.strip();
        if (!trimmed.matches("(?s)=?\\s*\\{.*}\\s*")) {
            return Optional.empty();
        }
        Set<String> keys = new HashSet<>();
        // only top-level keys: blank out nested braces, brackets and strings first
        String flat = flattenNested(trimmed.substring(trimmed.indexOf('{') + 1, trimmed.lastIndexOf('}')));
        Matcher matcher = CONTEXT_KEY.matcher("{" + flat);
        while (matcher.find()) {
            keys.add(matcher.group(1));
        }
        return Optional.of(keys);
    }

    private static String flattenNested(String body) {
        StringBuilder flat = new StringBuilder();
        int depth = 0;
        boolean inString = false;
        for (char c : body.toCharArray()) {
            if (c == '"' && depth == 0) {
                inString = !inString;
                flat.append(c);
            } else if (inString) {
                flat.append(c);
            } else if (c == '{' || c == '[' || c == '(') {
                depth++;
            } else if (c == '}' || c == ']' || c == ')') {
                depth--;
            } else if (depth == 0) {
                flat.append(c);
            }
        }
        return flat.toString();
    }

    /** Caught by a boundary event on the task or an enclosing sub-process, or by an error event sub-process. */
    private static boolean caught(FlowElement element, String code) {
        ModelElementInstance scope = element;
        while (scope instanceof FlowElement flowElement) {
            for (BoundaryEvent boundary : flowElement.getModelInstance().getModelElementsByType(BoundaryEvent.class)) {
                if (boundary.getAttachedTo() == flowElement && catches(boundary.getEventDefinitions(), code)) {
                    return true;
                }
            }
            ModelElementInstance parent = flowElement.getParentElement();
            if (parent != null) {
                for (SubProcess eventSubProcess : parent.getChildElementsByType(SubProcess.class)) {
                    if (eventSubProcess.triggeredByEvent()) {
                        for (StartEvent start : eventSubProcess.getChildElementsByType(StartEvent.class)) {
                            if (catches(start.getEventDefinitions(), code)) {
                                return true;
                            }
                        }
                    }
                }
            }
            scope = parent;
        }
        return false;
    }

    private static boolean catches(java.util.Collection<? extends io.camunda.zeebe.model.bpmn.instance.EventDefinition> definitions,
                                   String code) {
        for (var definition : definitions) {
            if (definition instanceof ErrorEventDefinition error
                    && (error.getError() == null || code.equals(error.getError().getErrorCode()))) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> header(ServiceTask task, String key) {
        ZeebeTaskHeaders headers = task.getSingleExtensionElement(ZeebeTaskHeaders.class);
        return headers == null ? Optional.empty() : headers.getHeaders().stream()
                .filter(h -> key.equals(h.getKey())).map(ZeebeHeader::getValue).findFirst();
    }

    private static Optional<String> input(ServiceTask task, String target) {
        ZeebeIoMapping mapping = task.getSingleExtensionElement(ZeebeIoMapping.class);
        return mapping == null ? Optional.empty() : mapping.getInputs().stream()
                .filter(i -> target.equals(i.getTarget())).map(ZeebeInput::getSource).findFirst();
    }

    private static DiagramProblem problem(JourneyFile file, ServiceTask task, String reason) {
        return new DiagramProblem(file.resourceName(), task.getId(), 0, reason);
    }
}
