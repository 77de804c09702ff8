/**
 * Touchpoint delivery: the job workers for every touchpoint task type and the pipeline they run (load context,
 * decide, render, deliver, record, complete). Publishes {@link dev.touchpoint.delivery.TouchpointEvent}s for the
 * evidence ledger.
 */
package dev.touchpoint.delivery;
