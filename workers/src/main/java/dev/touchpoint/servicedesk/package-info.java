/**
 * Follow-up tasks for service agents (ADR-0030): the {@code touchpoint.service-desk.task} job worker opens a task on
 * the service desk the agents already work in, by an outgoing webhook ({@code touchpoint.service-desk.url}), or in the
 * sandbox service desk of the embedded default ({@code /api/sandbox/service-desk/tasks}). The journey does not wait for
 * the agent. A task carries the customer id and the details the journey gives, never contact data.
 */
package dev.touchpoint.servicedesk;
