/**
 * The evidence ledger: an append-only, hash-chained record of everything Touchpoint did for or about a customer, for
 * compliance reviews.
 *
 * <p>What is recorded ({@link dev.touchpoint.ledger.EntryKind}): every decision of the touchpoint workers (from
 * {@code dev.touchpoint.delivery.TouchpointEvent}), every delivery attempt and provider status
 * ({@code dev.touchpoint.channel.DeliveryStatusReported}, kiosk events), consent changes with their proof
 * ({@code dev.touchpoint.context.ConsentGranted}/{@code ConsentWithdrawn}), erasures
 * ({@code dev.touchpoint.context.CustomerErased}), and the journey steps themselves (from the embedded engine's record
 * stream). Entries are chained per customer; {@link dev.touchpoint.ledger.EvidenceLedger#verify} recomputes every
 * chain. Personal fields are encrypted with a per-customer key that erasure destroys.
 *
 * <p>Durability: a touchpoint event is acknowledged (the publishing job worker returns from {@code publishEvent})
 * only after its entries are committed; many concurrent events share one transaction (group commit). See ADR-0010.
 *
 * <p>The public API is this package: {@link dev.touchpoint.ledger.EvidenceLedger} and its value types, and the
 * command-line tool {@link dev.touchpoint.ledger.LedgerCli}. The implementation is in
 * {@code dev.touchpoint.ledger.internal}.
 */
package dev.touchpoint.ledger;
