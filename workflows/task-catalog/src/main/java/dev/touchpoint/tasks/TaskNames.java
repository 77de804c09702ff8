package dev.touchpoint.tasks;

import java.util.List;

/**
 * The names a BPMN service task and Touchpoint's workers share: task types, task headers, variables and BPMN error
 * codes. Journey designers read them in Camunda Modeler. They are compile-time constants so the workers can use them in
 * {@code @JobWorker(type = ..., fetchVariables = ...)}; {@link TaskCatalog} declares, with these names, what each task
 * type offers in its element template. Nothing else spells these strings.
 */
public final class TaskNames {

    /** Task types ({@code zeebe:taskDefinition type}): {@code touchpoint.<channel>.<verb>}. */
    public static final class Types {
        public static final String EMAIL_SEND = "touchpoint.email.send";
        public static final String SMS_SEND = "touchpoint.sms.send";
        public static final String PUSH_SEND = "touchpoint.push.send";
        public static final String KIOSK_SHOW = "touchpoint.kiosk.show";
        /** Best channel: picks among the channels the template supports. */
        public static final String BEST_CHANNEL_SEND = "touchpoint.send";
        /** Deterministic A/B assignment on the customer id. */
        public static final String EXPERIMENT_SPLIT = "touchpoint.experiment.split";
        /** Copies loyalty tier, home store and named attributes from the customer context into the process. */
        public static final String CUSTOMER_FACTS = "touchpoint.customer.facts";
        /** Opens a follow-up task for a service agent on the service desk. */
        public static final String SERVICE_DESK_TASK = "touchpoint.service-desk.task";

        /** The task types that render a brand template and deliver it. */
        public static final List<String> TOUCHPOINT_TYPES =
                List.of(EMAIL_SEND, SMS_SEND, PUSH_SEND, KIOSK_SHOW, BEST_CHANNEL_SEND);

        private Types() {}
    }

    /** Task headers ({@code zeebe:taskHeaders}). */
    public static final class Headers {
        public static final String TEMPLATE_ID = "templateId";
        public static final String CATEGORY = "category";
        public static final String PRIORITY = "priority";
        public static final String FALLBACK_CHANNEL = "fallbackChannel";
        public static final String RESULT_VARIABLE = "resultVariable";
        public static final String RETRY_BACKOFF = "retryBackoff";
        public static final String ON_SUPPRESSED = "onSuppressed";
        /** Best channel only: the candidate channels. */
        public static final String CHANNELS = "channels";
        /** Experiment split: the experiment's name. */
        public static final String EXPERIMENT = "experiment";
        /** Experiment split: the share of variant A in percent. */
        public static final String SPLIT = "split";
        /** Customer facts: the custom attributes to copy. */
        public static final String ATTRIBUTES = "attributes";
        /** Service desk task: the queue the task goes to. */
        public static final String QUEUE = "queue";

        /** The headers of every touchpoint task (best channel also reads {@link #CHANNELS}). */
        public static final List<String> TOUCHPOINT_HEADERS =
                List.of(TEMPLATE_ID, CATEGORY, PRIORITY, FALLBACK_CHANNEL, RESULT_VARIABLE, RETRY_BACKOFF, ON_SUPPRESSED, CHANNELS);

        private Headers() {}
    }

    /** Process variables the workers read (and nothing else: they fetch only these). */
    public static final class Inputs {
        public static final String CUSTOMER_ID = "customerId";
        public static final String TEMPLATE_VARIABLES = "templateVariables";
        public static final String STORE_ID = "storeId";
        public static final String KIOSK_ID = "kioskId";
        /** Set by Zeebe inside a multi-instance activity (not an input of the element templates). */
        public static final String LOOP_COUNTER = "loopCounter";
        /** Set on a journey restarted after an embedded stop (not an input of the element templates). */
        public static final String RESTARTED_FROM = "restartedFrom";
        /** Service desk task: the one-line title for the agent. */
        public static final String SUMMARY = "summary";
        /** Service desk task: a context with what the agent needs. */
        public static final String DETAILS = "details";

        /** The inputs of the touchpoint tasks. */
        public static final List<String> ALL = List.of(CUSTOMER_ID, TEMPLATE_VARIABLES, STORE_ID, KIOSK_ID, LOOP_COUNTER);

        private Inputs() {}
    }

    /** Variables the workers write, and the default names of the result variables. */
    public static final class Outputs {
        /** Touchpoint tasks' default result variable. */
        public static final String DEFAULT_RESULT_VARIABLE = "touchpoint";
        public static final String SUPPRESSED_REASON = "touchpointSuppressedReason";
        public static final String UNDELIVERABLE_REASON = "touchpointUndeliverableReason";
        /** Experiment split: "A" or "B". */
        public static final String VARIANT = "variant";
        /** Customer facts' default result variable. */
        public static final String CUSTOMER_FACTS_RESULT_VARIABLE = "customer";
        /** Service desk task's default result variable. */
        public static final String SERVICE_DESK_RESULT_VARIABLE = "agentTask";

        private Outputs() {}
    }

    /** BPMN error codes, caught with error boundary events. */
    public static final class Errors {
        public static final String SUPPRESSED = "TOUCHPOINT_SUPPRESSED";
        public static final String UNDELIVERABLE = "TOUCHPOINT_UNDELIVERABLE";

        private Errors() {}
    }

    private TaskNames() {}
}
