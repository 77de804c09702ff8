package dev.touchpoint.console;

import java.util.List;
import java.util.Map;

/**
 * What the engine's records say about one journey: element instances per BPMN element (active, completed,
 * terminated), open incidents with their reason, and the versions that ran ({@link JourneyActivityIndex}).
 */
record JourneyActivity(Map<String, ElementCounts> elements, List<Incident> incidents, long instancesActive,
                       long instancesCompleted, long instancesTerminated, List<Integer> versions) {

    /** Element instances of one BPMN element. */
    record ElementCounts(long activated, long completed, long terminated, long incidents) {
        long active() {
            return Math.max(0, activated - completed - terminated);
        }
    }

    /** An incident that is not resolved. */
    record Incident(long key, long processInstanceKey, String elementId, String errorType, String errorMessage, long jobKey) {
    }
}
