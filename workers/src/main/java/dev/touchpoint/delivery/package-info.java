/**
 * Touchpoint delivery: the job workers for every touchpoint task type and the pipeline they run (load context,
 * decide and reserve, render, track, record the evidence, deliver, record the outcome, complete).
 *
 * <p>What other modules see is this package: the {@link dev.touchpoint.delivery.TouchpointEvent}s it publishes (the
 * ledger, the surveys and the simulator consume them), the seams others fill in ({@link
 * dev.touchpoint.delivery.EngagementTracking} by ingress, {@link dev.touchpoint.delivery.SurveyLinkIssuer} by surveys,
 * {@link dev.touchpoint.delivery.DeliveryEvidence} by the ledger) and {@link dev.touchpoint.delivery.DeliveryMonitor}
 * for the console. Everything else (workers, pipeline, attempt markers, settings, metrics) is in {@code internal},
 * checked by {@code ModularityTest}.
 */
package dev.touchpoint.delivery;
