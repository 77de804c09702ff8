package dev.touchpoint.ledger.internal;

import dev.touchpoint.ledger.EvidenceEntry;

/** One sentence per entry, for people reading an access export or a timeline. */
final class EntrySummaries {

    private EntrySummaries() {
    }

    static String describe(EvidenceEntry e) {
        if (e.kind() == null) {
            return "Unreadable entry";
        }
        String journey = e.journey() == null ? "" : " in journey " + e.journey();
        String touchpoint = (e.channel() == null ? "" : e.channel() + " ") + "touchpoint"
                + (e.templateId() == null ? "" : " '" + e.templateId() + "'" + (e.templateVersion() == null ? "" : " v" + e.templateVersion()))
                + (e.elementId() == null ? "" : " at step '" + e.elementId() + "'") + journey;
        return switch (e.kind()) {
            case DECISION -> switch (e.decision() == null ? "" : e.decision()) {
                case "SEND" -> "Decided to send the " + touchpoint + ".";
                case "SUPPRESS" -> "Did not send the " + touchpoint + ": " + e.reason() + detail(e) + ".";
                case "DEFER" -> "Held back the " + touchpoint + " until " + e.until() + ": " + e.reason() + detail(e) + ".";
                default -> "Decision " + e.decision() + " for the " + touchpoint + ".";
            };
            case DELIVERY_ATTEMPT -> "Delivery of the " + touchpoint + ": " + e.outcome()
                    + (e.providerMessageId() == null ? "" : " (provider message " + e.providerMessageId() + ")")
                    + (e.reason() == null ? "" : ", reason " + e.reason()) + (e.until() == null ? "" : ", retry at " + e.until()) + ".";
            case PROVIDER_STATUS -> "The provider reported " + e.outcome() + " for " + (e.channel() == null ? "" : e.channel() + " ")
                    + "message " + e.providerMessageId() + (e.reason() == null ? "" : " (" + e.reason() + ")") + ".";
            case CONSENT_CHANGE -> "Consent " + e.outcome() + " for " + e.channel() + " " + e.attributes().getOrDefault("purpose", "")
                    + " (source " + e.reason() + ").";
            case JOURNEY_STARTED -> "Journey " + e.journey() + " started (instance " + e.processInstanceKey() + ").";
            case JOURNEY_ENDED -> "Journey " + e.journey() + " " + e.outcome() + " (instance " + e.processInstanceKey() + ").";
            case JOURNEY_STEP -> "Step '" + e.elementId() + "' (" + e.attributes().getOrDefault("elementType", "element") + ") "
                    + e.outcome() + journey + ".";
            case MESSAGE_CORRELATED -> "Message '" + e.attributes().getOrDefault("messageName", "?") + "' received at step '"
                    + e.elementId() + "'" + journey + ".";
            case TIMER_TRIGGERED -> "Timer '" + e.elementId() + "' fired" + journey + ".";
            case INCIDENT -> "Incident " + e.outcome() + " at step '" + e.elementId() + "'" + journey
                    + (e.reason() == null ? "" : ": " + e.reason()) + ".";
            case RETENTION_APPLIED -> "Retention policy applied.";
            case ERASED -> "Personal data erased (requested by " + e.attributes().getOrDefault("requestedBy", "?") + ").";
            case SURVEY_ANSWERED -> "Survey '" + e.attributes().getOrDefault("survey", "?") + "' answered with "
                    + e.attributes().getOrDefault("score", "?") + " on " + e.channel()
                    + (e.attributes().containsKey("journey") ? " (asked in journey " + e.attributes().get("journey") + ")" : "") + ".";
        };
    }

    private static String detail(EvidenceEntry e) {
        String detail = e.personal() == null ? null : e.personal().get("detail");
        return detail == null ? "" : " (" + detail + ")";
    }
}
