/**
 * Event ingress: customer events from HTTP ({@code POST /api/events}), Kafka and the tracking links
 * ({@code /t/o/**}, {@code /t/c/**}) validated against {@code docs/events.schema.json}, routed by
 * {@code config/event-routing.yaml} to Zeebe messages (message id = the event's idempotency key) after any
 * customer-context update the route asks for. Engine backpressure is retried and surfaced, never dropped.
 */
package dev.touchpoint.ingress;
