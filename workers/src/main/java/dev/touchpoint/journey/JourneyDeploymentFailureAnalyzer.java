package dev.touchpoint.journey;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a rejected journey as Spring Boot's "APPLICATION FAILED TO START" box instead of a stack trace. */
public class JourneyDeploymentFailureAnalyzer extends AbstractFailureAnalyzer<JourneyDeploymentException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, JourneyDeploymentException cause) {
        String action = cause.problems().isEmpty()
                ? "Do what the description says, then start again."
                : "Fix the journey files named above, or set touchpoint.journeys.on-rejected=report to start with the"
                        + " valid files and see the rejected ones on /actuator/health.";
        return new FailureAnalysis(cause.getMessage(), action, cause);
    }
}
