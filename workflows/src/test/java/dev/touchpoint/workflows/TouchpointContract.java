package dev.touchpoint.workflows;

import dev.touchpoint.tasks.TaskNames.Errors;
import dev.touchpoint.tasks.TaskNames.Types;
import java.util.Map;
import java.util.Set;

/**
 * The task contract between the journeys and the touchpoint workers, as far as the diagrams are concerned: task types,
 * headers, inputs, BPMN error codes and messages. Task types and error codes are the names the workers use
 * ({@code dev.touchpoint.tasks.TaskNames}); these tests make sure every diagram and element template speaks the same
 * language.
 */
final class TouchpointContract {

    static final String EMAIL = Types.EMAIL_SEND;
    static final String SMS = Types.SMS_SEND;
    static final String PUSH = Types.PUSH_SEND;
    static final String KIOSK = Types.KIOSK_SHOW;
    static final String BEST_CHANNEL = Types.BEST_CHANNEL_SEND;
    static final String EXPERIMENT_SPLIT = Types.EXPERIMENT_SPLIT;
    /** Copies loyalty tier, home store and named attributes from the customer context into the process. */
    static final String CUSTOMER_FACTS = Types.CUSTOMER_FACTS;
    /** Opens a follow-up task for a service agent on the service desk (an outgoing webhook, ADR-0030). */
    static final String SERVICE_DESK_TASK = Types.SERVICE_DESK_TASK;

    /** Task types that render a brand template and deliver it; they carry templateId and throw the errors below. */
    static final Set<String> TOUCHPOINT_TYPES = Set.of(EMAIL, SMS, PUSH, KIOSK, BEST_CHANNEL);

    static final Set<String> ALL_TYPES = Set.of(EMAIL, SMS, PUSH, KIOSK, BEST_CHANNEL, EXPERIMENT_SPLIT, CUSTOMER_FACTS,
            SERVICE_DESK_TASK);

    /** Element template id per task type. */
    static final Map<String, String> ELEMENT_TEMPLATE_IDS = Map.of(
            EMAIL, "dev.touchpoint.email.send",
            SMS, "dev.touchpoint.sms.send",
            PUSH, "dev.touchpoint.push.send",
            KIOSK, "dev.touchpoint.kiosk.show",
            BEST_CHANNEL, "dev.touchpoint.send",
            EXPERIMENT_SPLIT, "dev.touchpoint.experiment.split",
            CUSTOMER_FACTS, "dev.touchpoint.customer.facts",
            SERVICE_DESK_TASK, "dev.touchpoint.service-desk.task");

    /** The element template of business rule tasks (a DMN decision of decisions/, evaluated by the engine). */
    static final String DECISION_TEMPLATE_ID = "dev.touchpoint.offer.decision";

    static final String SUPPRESSED = Errors.SUPPRESSED;
    static final String UNDELIVERABLE = Errors.UNDELIVERABLE;
    static final Set<String> ERROR_CODES = Set.of(SUPPRESSED, UNDELIVERABLE);

    /**
     * The variable each error carries. Error variables are local to the catch event, so every error boundary event
     * maps its reason to a process variable of the same name (the last reason wins).
     */
    static final Map<String, String> REASON_VARIABLES = Map.of(
            SUPPRESSED, "touchpointSuppressedReason",
            UNDELIVERABLE, "touchpointUndeliverableReason");

    /** Headers of every touchpoint task. */
    static final Set<String> TOUCHPOINT_HEADERS =
            Set.of("templateId", "category", "priority", "fallbackChannel", "resultVariable", "retryBackoff", "onSuppressed");

    /** Inputs of every touchpoint task. */
    static final Set<String> TOUCHPOINT_INPUTS = Set.of("customerId", "templateVariables");

    /**
     * A vendor's late failure report of one sent message: published per provider message id (config/event-routing.yaml),
     * so a catch event correlates by the message id in the result variable of the task that sent it,
     * {@code =<resultVariable>.messageId}.
     */
    static final String MESSAGE_FAILED = "message.failed";

    /** Message name to correlation key expression of the catch events; start messages have none. */
    static final Map<String, String> CATCH_MESSAGES = Map.of(
            "app.installed", "=customerId",
            "order.placed", "=customerId",
            "kiosk.offer-accepted", "=customerId",
            "link.clicked", "=customerId",
            "purchase.completed", "=customerId",
            "order.delivered", "=orderId");

    /** Process id to the message that starts it (the win-back campaign is started by the campaign runner). */
    static final Map<String, String> START_MESSAGES = Map.of(
            "welcome", "customer.signed-up",
            "abandoned-cart", "cart.abandoned",
            "store-visit", "store.checked-in",
            "order-shipped", "order.shipped",
            "service-recovery", "survey.low-score");

    static final Set<String> JOURNEYS = Set.of("welcome", "abandoned-cart", "store-visit", "winback-campaign", "order-shipped",
            "service-recovery");

    private TouchpointContract() {
    }
}
