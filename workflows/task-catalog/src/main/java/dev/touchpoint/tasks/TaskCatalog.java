package dev.touchpoint.tasks;

import dev.touchpoint.tasks.TaskDeclaration.Choice;
import dev.touchpoint.tasks.TaskDeclaration.Constraints;
import dev.touchpoint.tasks.TaskDeclaration.ElementType;
import dev.touchpoint.tasks.TaskDeclaration.Field;
import dev.touchpoint.tasks.TaskDeclaration.Group;
import dev.touchpoint.tasks.TaskNames.Headers;
import dev.touchpoint.tasks.TaskNames.Inputs;
import dev.touchpoint.tasks.TaskNames.Outputs;
import dev.touchpoint.tasks.TaskNames.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every task a journey can use, declared once: the element templates of {@code workflows/element-templates/} are
 * generated from these declarations (one file per declaration, {@code <file>.json}), and the workers subscribe to
 * their task types and read their headers by the names of {@link TaskNames}. To add a header: add its name to
 * {@link TaskNames.Headers}, a {@link Field#header} to the task's declaration here, read it in the worker, and
 * regenerate the templates (workflows/README.md says how).
 */
public final class TaskCatalog {

    /** One declaration and the name of the element template file generated from it (without {@code .json}). */
    public record Entry(String file, TaskDeclaration declaration) {}

    private static final String TOUCHPOINT_ERRORS = "Throws the BPMN errors TOUCHPOINT_SUPPRESSED (no consent, budget"
            + " exhausted, unreachable) and TOUCHPOINT_UNDELIVERABLE (permanent provider failure): catch them with error"
            + " boundary events.";
    private static final Constraints VARIABLE_NAME = new Constraints(true, "^[A-Za-z_][A-Za-z0-9_]*$",
            "Must be a variable name: letters, digits and _, not starting with a digit.");
    private static final Constraints WHOLE_NUMBER = new Constraints(true, "^[0-9]+$", "Must be a whole number.");
    private static final String RETRYABLE_FAILURE_RETRIES =
            "How often a retryable provider failure (timeout, HTTP 5xx) is retried before the job raises an incident.";
    private static final List<Choice> PRIORITIES =
            List.of(new Choice("Low", "low"), new Choice("Normal", "normal"), new Choice("High", "high"));
    /** The brand design system's templates (a test checks them against its template folders). */
    private static final List<Choice> BRAND_TEMPLATES = List.of(
            new Choice("Welcome (welcome)", "welcome"),
            new Choice("Cart reminder (cart-reminder)", "cart-reminder"),
            new Choice("Store greeting (store-greeting)", "store-greeting"),
            new Choice("Win-back offer (winback-offer)", "winback-offer"),
            new Choice("Order shipped (order-shipped)", "order-shipped"),
            new Choice("NPS survey (nps-survey)", "nps-survey"),
            new Choice("CSAT survey (csat-survey)", "csat-survey"),
            new Choice("Service recovery apology and make-good (service-recovery)", "service-recovery"));
    private static final String SINGLE_CHANNEL_FALLBACK = "Documents the channel this journey falls back to when this"
            + " touchpoint is undeliverable. A single-channel task never switches channel by itself: model the fallback"
            + " with an error boundary event (TOUCHPOINT_UNDELIVERABLE) followed by a task for the other channel.";

    private static final List<Entry> ENTRIES = List.of(
            new Entry("touchpoint-send", touchpoint(Types.BEST_CHANNEL_SEND, "dev.touchpoint.send",
                    "Touchpoint: send on the best channel",
                    "Picks the best channel among the template's channels for this customer (consent, reachability,"
                            + " preference, caps), renders the template for it and sends it. " + TOUCHPOINT_ERRORS,
                    List.of("touchpoint", "best channel", "omnichannel", "email", "sms", "push"),
                    new Defaults("welcome", "normal", "3", "PT30S",
                            "Channel to use when the best channel turns out undeliverable. Empty: no second attempt;"
                                    + " the task throws TOUCHPOINT_UNDELIVERABLE."))),
            new Entry("touchpoint-email-send", touchpoint(Types.EMAIL_SEND, "dev.touchpoint.email.send",
                    "Touchpoint: send email",
                    "Renders a brand template as HTML and text email and sends it to the customer, after the consent,"
                            + " frequency-cap and quiet-hour decision. " + TOUCHPOINT_ERRORS,
                    List.of("touchpoint", "email", "mail"),
                    new Defaults("welcome", "normal", "3", "PT30S", SINGLE_CHANNEL_FALLBACK))),
            new Entry("touchpoint-sms-send", touchpoint(Types.SMS_SEND, "dev.touchpoint.sms.send",
                    "Touchpoint: send SMS",
                    "Renders the SMS variant of a brand template (within its segment budget) and sends it to the"
                            + " customer's mobile number, after the consent, frequency-cap and quiet-hour decision. "
                            + TOUCHPOINT_ERRORS,
                    List.of("touchpoint", "sms", "text message"),
                    new Defaults("welcome", "normal", "3", "PT30S", SINGLE_CHANNEL_FALLBACK))),
            new Entry("touchpoint-push-send", touchpoint(Types.PUSH_SEND, "dev.touchpoint.push.send",
                    "Touchpoint: send app push",
                    "Renders the push variant of a brand template and sends it to the customer's registered app"
                            + " installations, after the consent, frequency-cap and quiet-hour decision. "
                            + TOUCHPOINT_ERRORS,
                    List.of("touchpoint", "push", "app", "notification"),
                    new Defaults("welcome", "normal", "3", "PT30S", SINGLE_CHANNEL_FALLBACK))),
            new Entry("touchpoint-kiosk-show", touchpoint(Types.KIOSK_SHOW, "dev.touchpoint.kiosk.show",
                    "Touchpoint: show on store kiosk",
                    "Renders the kiosk variant of a brand template and shows it on an in-store kiosk for the customer"
                            + " who is there now. " + TOUCHPOINT_ERRORS,
                    List.of("touchpoint", "kiosk", "store", "in-store"),
                    new Defaults("store-greeting", "high", "2", "PT5S",
                            "Documents the channel this journey falls back to when no kiosk of the store is online"
                                    + " (TOUCHPOINT_UNDELIVERABLE). The kiosk task never switches channel by itself:"
                                    + " model the fallback with an error boundary event followed by a task for the other"
                                    + " channel."))),
            new Entry("touchpoint-customer-facts", customerFacts()),
            new Entry("touchpoint-experiment-split", experimentSplit()),
            new Entry("touchpoint-offer-decision", offerDecision()),
            new Entry("touchpoint-service-desk-task", serviceDeskTask()));

    private TaskCatalog() {}

    /** Every declaration with the name of its element template file, in a stable order. */
    public static List<Entry> entries() {
        return ENTRIES;
    }

    /** The declaration of a task type. */
    public static Optional<TaskDeclaration> byTaskType(String taskType) {
        return ENTRIES.stream().map(Entry::declaration).filter(d -> d.taskType().filter(taskType::equals).isPresent())
                .findFirst();
    }

    /** What differs between the touchpoint templates besides type, texts and keywords. */
    private record Defaults(String templateId, String priority, String retries, String retryBackoff,
                            String fallbackDescription) {}

    private static TaskDeclaration touchpoint(String type, String templateId, String name, String description,
                                              List<String> keywords, Defaults defaults) {
        List<Field> fields = new ArrayList<>();
        fields.add(Field.header(Headers.TEMPLATE_ID, "Brand template", "content")
                .withChoices(BRAND_TEMPLATES).withValue(defaults.templateId())
                .withDescription("Template of the brand design system to render"
                        + " (brand-design-system/src/main/resources/brand/templates/). Profile data such as the first"
                        + " name and locale comes from the customer context."));
        fields.add(Field.input(Inputs.CUSTOMER_ID, "Customer id", "content")
                .withValue("=customerId").withConstraints(Constraints.REQUIRED)
                .withDescription("FEEL expression for the id of the customer to contact. The worker loads consent,"
                        + " caps, quiet hours and profile from this customer's context."));
        fields.add(Field.input(Inputs.TEMPLATE_VARIABLES, "Template variables", "content").asText().withValue("={}")
                .withDescription("FEEL context with the values the template needs from the journey, for example"
                        + " <code>={cartTotal: cart.total, cartItems: cart.items}</code>. Leave profile data (first"
                        + " name, locale, time zone) out: it comes from the customer context."));
        if (type.equals(Types.KIOSK_SHOW)) {
            fields.add(Field.input(Inputs.STORE_ID, "Store id", "content")
                    .withValue("=storeId").withConstraints(Constraints.REQUIRED)
                    .withDescription("FEEL expression for the store whose kiosks may show the touchpoint."));
            fields.add(Field.input(Inputs.KIOSK_ID, "Kiosk id", "content").withValue("=kioskId")
                    .withDescription("FEEL expression for one kiosk in that store (for example the one the customer"
                            + " checked in at). Resolving to null lets the kiosk hub pick the store's greeting kiosk."));
        }
        fields.add(Field.header(Headers.CATEGORY, "Category", "decision")
                .withChoices(List.of(new Choice("Template's own category", ""), new Choice("Marketing", "marketing"),
                        new Choice("Transactional", "transactional")))
                .asOptional()
                .withDescription("Marketing touchpoints need consent and count against the frequency cap;"
                        + " transactional ones (order updates) do not. Empty: the template's own category. It can only"
                        + " make a touchpoint stricter: a marketing template is always sent as marketing (the journey"
                        + " lint refuses 'transactional' on it)."));
        fields.add(Field.header(Headers.PRIORITY, "Priority", "decision")
                .withChoices(PRIORITIES).withValue(defaults.priority())
                .withDescription("Delivery priority of this touchpoint."));
        fields.add(Field.header(Headers.FALLBACK_CHANNEL, "Fallback channel", "decision")
                .withChoices(List.of(new Choice("None", ""), new Choice("Email", "email"), new Choice("SMS", "sms"),
                        new Choice("Push", "push")))
                .asOptional().withDescription(defaults.fallbackDescription()));
        if (type.equals(Types.BEST_CHANNEL_SEND)) {
            fields.add(Field.header(Headers.CHANNELS, "Candidate channels", "decision").asOptional()
                    .withConstraints(new Constraints(false, "^$|^(email|sms|push|kiosk)(,(email|sms|push|kiosk))*$",
                            "Comma-separated list of email, sms, push, kiosk (no spaces)."))
                    .withDescription("Restricts the candidate channels, for example <code>email,push</code>. Empty:"
                            + " every channel the template has."));
        }
        fields.add(Field.header(Headers.ON_SUPPRESSED, "When withheld", "decision")
                .withChoices(List.of(new Choice("Continue (result status SUPPRESSED)", "continue"),
                        new Choice("Throw error TOUCHPOINT_SUPPRESSED", "error")))
                .withValue("continue")
                .withDescription("What happens when the customer context withholds this touchpoint (no consent,"
                        + " contact budget spent, unreachable). <b>Continue</b>: the task completes and the result"
                        + " variable says SUPPRESSED, never an incident. <b>Throw error</b>: the task throws"
                        + " TOUCHPOINT_SUPPRESSED; attach an error boundary event that catches it (Touchpoint refuses to"
                        + " deploy the journey otherwise)."));
        fields.add(Field.header(Headers.RESULT_VARIABLE, "Result variable", "result")
                .withValue(Outputs.DEFAULT_RESULT_VARIABLE).withConstraints(VARIABLE_NAME)
                .withDescription("Process variable that receives { channel, status, messageId, templateId,"
                        + " templateVersion, contentHash } when the touchpoint was sent. Use one name per task to keep"
                        + " each result."));
        fields.add(retries(defaults.retries(), RETRYABLE_FAILURE_RETRIES));
        fields.add(Field.header(Headers.RETRY_BACKOFF, "Retry backoff", "retries")
                .withValue(defaults.retryBackoff())
                .withConstraints(new Constraints(true,
                        "^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$",
                        "Must be an ISO-8601 duration such as PT30S or PT5M."))
                .withDescription("Wait between retries of a retryable provider failure (ISO-8601 duration)."));
        return new TaskDeclaration(templateId, 1, name, description, keywords, ElementType.SERVICE_TASK, Optional.of(type),
                List.of(new Group("content", "Touchpoint"), new Group("decision", "Category, priority and fallback"),
                        new Group("result", "Result"), new Group("retries", "Retries")),
                fields);
    }

    private static TaskDeclaration customerFacts() {
        return new TaskDeclaration("dev.touchpoint.customer.facts", 1, "Touchpoint: look up customer facts",
                "Copies what a decision may use from the customer context into the process: <code>{known, loyaltyTier,"
                        + " homeStore, attributes: {...}}</code> with the custom attributes you name. Never addresses,"
                        + " phone numbers or names. Use it before a business rule task (DMN) or a gateway that decides on"
                        + " the customer.",
                List.of("touchpoint", "customer", "loyalty tier", "attributes", "decision"),
                ElementType.SERVICE_TASK, Optional.of(Types.CUSTOMER_FACTS),
                List.of(new Group("facts", "Customer facts"), new Group("retries", "Retries")),
                List.of(
                        Field.input(Inputs.CUSTOMER_ID, "Customer id", "facts")
                                .withValue("=customerId").withConstraints(Constraints.REQUIRED)
                                .withDescription("FEEL expression for the customer to look up."),
                        Field.header(Headers.ATTRIBUTES, "Custom attributes", "facts").asOptional()
                                .withConstraints(new Constraints(false,
                                        "^$|^[A-Za-z_][A-Za-z0-9_]*(,[A-Za-z_][A-Za-z0-9_]*)*$",
                                        "Comma-separated attribute names (letters, digits and _, no spaces), for"
                                                + " example favouriteCategory."))
                                .withDescription("The customer's custom attributes to copy, for example"
                                        + " <code>favouriteCategory</code> (the attributes of the customer import)."
                                        + " Empty: none; loyalty tier and home store are always there."),
                        Field.header(Headers.RESULT_VARIABLE, "Result variable", "facts")
                                .withValue(Outputs.CUSTOMER_FACTS_RESULT_VARIABLE).withConstraints(VARIABLE_NAME)
                                .withDescription("Process variable that receives the facts, e.g."
                                        + " <code>customer.loyaltyTier</code>,"
                                        + " <code>customer.attributes.favouriteCategory</code> in a decision's input"
                                        + " expressions. A customer Touchpoint does not know gives <code>known:"
                                        + " false</code> and nulls."),
                        retries("3", "How often the lookup is retried when the customer context is briefly unavailable.")));
    }

    private static TaskDeclaration experimentSplit() {
        return new TaskDeclaration("dev.touchpoint.experiment.split", 1, "Touchpoint: assign experiment variant",
                "Assigns the customer to variant A or B of an experiment, deterministically from the customer id: the"
                        + " same customer always gets the same variant of the same experiment. Writes the process"
                        + " variable <code>" + Outputs.VARIANT + "</code> (\"A\" or \"B\").",
                List.of("touchpoint", "experiment", "a/b test", "split", "variant"),
                ElementType.SERVICE_TASK, Optional.of(Types.EXPERIMENT_SPLIT),
                List.of(new Group("experiment", "Experiment"), new Group("retries", "Retries")),
                List.of(
                        Field.header(Headers.EXPERIMENT, "Experiment", "experiment")
                                .withConstraints(new Constraints(true, "^[a-z0-9][a-z0-9-]*$",
                                        "Lower-case letters, digits and dashes, for example winback-subject."))
                                .withDescription("Name of the experiment. Changing it reshuffles every customer, so"
                                        + " keep it stable while the experiment runs."),
                        Field.header(Headers.SPLIT, "Share of variant A (%)", "experiment").withValue("50")
                                .withConstraints(new Constraints(true, "^(100|[1-9]?[0-9])$",
                                        "A whole number from 0 to 100."))
                                .withDescription("Percentage of customers assigned to variant A; the rest get B."),
                        Field.input(Inputs.CUSTOMER_ID, "Customer id", "experiment")
                                .withValue("=customerId").withConstraints(Constraints.REQUIRED)
                                .withDescription("FEEL expression for the customer to assign. The assignment is a hash"
                                        + " of experiment name and customer id."),
                        retries("3", RETRYABLE_FAILURE_RETRIES)));
    }

    private static TaskDeclaration offerDecision() {
        return new TaskDeclaration("dev.touchpoint.offer.decision", 1, "Touchpoint: choose an offer (DMN decision)",
                "Evaluates one of Touchpoint's decision tables (workflows/decisions/*.dmn, deployed with the journeys)"
                        + " in the engine and writes its result, e.g. <code>{offerCode, offerPercent}</code>, to the"
                        + " result variable. The decision reads process variables: look up the customer's facts first"
                        + " (Touchpoint: look up customer facts).",
                List.of("touchpoint", "decision", "dmn", "offer", "business rule"),
                ElementType.BUSINESS_RULE_TASK, Optional.empty(),
                List.of(new Group("decision", "Decision")),
                List.of(
                        Field.calledDecision("decisionId", "Decision", "decision")
                                .withChoices(List.of(new Choice("Win-back offer (winback-offer)", "winback-offer")))
                                .withValue("winback-offer")
                                .withDescription("The decision table to evaluate (its id in workflows/decisions/)."
                                        + " Win-back offer: code and percent by loyalty tier"
                                        + " (<code>customer.loyaltyTier</code>) and favourite category"
                                        + " (<code>customer.attributes.favouriteCategory</code>)."),
                        Field.calledDecision("resultVariable", "Result variable", "decision")
                                .withValue("offer").withConstraints(VARIABLE_NAME)
                                .withDescription("Process variable that receives the decision's result, e.g."
                                        + " <code>winbackOffer.offerCode</code> in a touchpoint's template variables.")));
    }

    private static TaskDeclaration serviceDeskTask() {
        return new TaskDeclaration("dev.touchpoint.service-desk.task", 1, "Touchpoint: open a service desk task",
                "Opens a follow-up task for a service agent on the service desk (an outgoing webhook to"
                        + " <code>touchpoint.service-desk.url</code>; the sandbox service desk in the embedded default)."
                        + " The journey does not wait for the agent. The task carries the customer id and what you put"
                        + " in the details, never addresses, phone numbers or names (the agent looks the customer up).",
                List.of("touchpoint", "service desk", "agent", "follow-up", "webhook"),
                ElementType.SERVICE_TASK, Optional.of(Types.SERVICE_DESK_TASK),
                List.of(new Group("task", "Service desk task"), new Group("retries", "Retries")),
                List.of(
                        Field.input(Inputs.CUSTOMER_ID, "Customer id", "task")
                                .withValue("=customerId").withConstraints(Constraints.REQUIRED)
                                .withDescription("FEEL expression for the customer the task is about."),
                        Field.input(Inputs.SUMMARY, "Summary", "task")
                                .withValue("=\"Follow up with the customer\"").withConstraints(Constraints.REQUIRED)
                                .withDescription("FEEL expression for the one-line title of the task (at most 200"
                                        + " characters)."),
                        Field.input(Inputs.DETAILS, "Details", "task").asText().withValue("={}")
                                .withDescription("FEEL context with what the agent needs, e.g. <code>{survey: survey,"
                                        + " score: score}</code>. No personal data: it goes to the service desk as it is."),
                        Field.header(Headers.QUEUE, "Queue", "task").withValue("customer-care")
                                .withConstraints(new Constraints(true, "^[a-z0-9][a-z0-9-]{0,63}$",
                                        "Lower-case letters, digits and dashes, e.g. customer-care."))
                                .withDescription("The service desk queue or group the task goes to."),
                        Field.header(Headers.PRIORITY, "Priority", "task").withChoices(PRIORITIES).withValue("normal"),
                        Field.header(Headers.RESULT_VARIABLE, "Result variable", "task")
                                .withValue(Outputs.SERVICE_DESK_RESULT_VARIABLE).withConstraints(VARIABLE_NAME)
                                .withDescription("Process variable that receives <code>{taskId, reference, queue,"
                                        + " status}</code>: the task's id (also its idempotency key) and the service"
                                        + " desk's reference when it returns one."),
                        retries("5", "How often the task is offered again when the service desk is unreachable or busy"
                                + " (one minute apart). A refusal (4xx) is not retried: it becomes an incident.")));
    }

    private static Field retries(String defaultRetries, String description) {
        return Field.taskDefinition("retries", "Retries", "retries").withValue(defaultRetries)
                .withConstraints(WHOLE_NUMBER).withDescription(description);
    }
}
