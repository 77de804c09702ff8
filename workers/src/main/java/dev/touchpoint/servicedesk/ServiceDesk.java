package dev.touchpoint.servicedesk;

/** Where follow-up tasks for service agents go: a real service desk by webhook, or the sandbox. */
public interface ServiceDesk {

    /**
     * Opens the task, or finds it open already (the same {@link ServiceDeskTask#taskId()}).
     *
     * @return the service desk's reference for it (its ticket id), or null when it gives none
     * @throws Refused     the service desk refused it for good (a 4xx other than 408 and 429): retrying cannot help
     * @throws Unavailable it could not be reached, timed out or was busy: try again later
     */
    String open(ServiceDeskTask task);

    /** What the webhook is called, for messages (never the credentials). */
    String describe();

    final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
