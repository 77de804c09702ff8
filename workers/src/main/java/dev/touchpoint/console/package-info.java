/**
 * The web console (ADR-0024): server-rendered pages under {@code /console} for marketing ops (campaigns), compliance
 * (customer timelines, access export, erasure), journey designers (journeys, templates) and operators (incidents,
 * operations). The pages call the application's own services (campaigns, customer context, evidence ledger, engine
 * client and records, brand design system, health, kiosk directory), never its HTTP API; their security is
 * {@link dev.touchpoint.security.ConsoleSecurityConfiguration}.
 */
package dev.touchpoint.console;
