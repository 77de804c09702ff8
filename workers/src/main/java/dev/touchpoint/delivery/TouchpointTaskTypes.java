package dev.touchpoint.delivery;

import java.util.List;

/**
 * The contract between a BPMN service task and Touchpoint's workers: task types, task headers, input variables,
 * result variable and BPMN error codes. Journey designers read these names in Camunda Modeler; the element templates
 * in {@code workflows/element-templates/} are checked against this class by a test.
 */
public final class TouchpointTaskTypes {

    public static final String EMAIL_SEND = "touchpoint.email.send";
    public static final String SMS_SEND = "touchpoint.sms.send";
    public static final String PUSH_SEND = "touchpoint.push.send";
    public static final String KIOSK_SHOW = "touchpoint.kiosk.show";
    /** Best channel: picks among the channels the template supports. */
    public static final String BEST_CHANNEL_SEND = "touchpoint.send";
    /** Deterministic A/B assignment on the customer id. */
    public static final String EXPERIMENT_SPLIT = "touchpoint.experiment.split";

    public static final List<String> TOUCHPOINT_TYPES = List.of(EMAIL_SEND, SMS_SEND, PUSH_SEND, KIOSK_SHOW, BEST_CHANNEL_SEND);

    /** Task headers ({@code zeebe:taskHeaders}). */
    public static final class Headers {
        public static final String TEMPLATE_ID = "templateId";
        public static final String CATEGORY = "category";
        public static final String PRIORITY = "priority";
        public static final String FALLBACK_CHANNEL = "fallbackChannel";
        public static final String RESULT_VARIABLE = "resultVariable";
        public static final String RETRY_BACKOFF = "retryBackoff";
        public static final String ON_SUPPRESSED = "onSuppressed";
        public static final String CHANNELS = "channels";
        public static final String EXPERIMENT = "experiment";
        public static final String SPLIT = "split";

        public static final List<String> TOUCHPOINT_HEADERS =
                List.of(TEMPLATE_ID, CATEGORY, PRIORITY, FALLBACK_CHANNEL, RESULT_VARIABLE, RETRY_BACKOFF, ON_SUPPRESSED, CHANNELS);

        private Headers() {}
    }

    /** Process variables the touchpoint workers read (and nothing else: they fetch only these). */
    public static final class Inputs {
        public static final String CUSTOMER_ID = "customerId";
        public static final String TEMPLATE_VARIABLES = "templateVariables";
        public static final String STORE_ID = "storeId";
        public static final String KIOSK_ID = "kioskId";
        public static final String LOOP_COUNTER = "loopCounter";
        /** Set on a journey restarted after an embedded stop (not an input of the element templates). */
        public static final String RESTARTED_FROM = "restartedFrom";

        public static final List<String> ALL = List.of(CUSTOMER_ID, TEMPLATE_VARIABLES, STORE_ID, KIOSK_ID, LOOP_COUNTER);

        private Inputs() {}
    }

    /** Variables the workers write. */
    public static final class Outputs {
        public static final String DEFAULT_RESULT_VARIABLE = "touchpoint";
        public static final String SUPPRESSED_REASON = "touchpointSuppressedReason";
        public static final String UNDELIVERABLE_REASON = "touchpointUndeliverableReason";
        public static final String VARIANT = "variant";

        private Outputs() {}
    }

    /** BPMN error codes, caught with error boundary events. */
    public static final class Errors {
        public static final String SUPPRESSED = "TOUCHPOINT_SUPPRESSED";
        public static final String UNDELIVERABLE = "TOUCHPOINT_UNDELIVERABLE";

        private Errors() {}
    }

    private TouchpointTaskTypes() {}
}
