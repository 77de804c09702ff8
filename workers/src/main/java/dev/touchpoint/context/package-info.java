/**
 * Cross-channel customer context: who the customer is, what they consented to on which channel, what they were
 * recently sent, the offer each channel last made and whether they are in a store right now.
 *
 * <p>The public API is {@link dev.touchpoint.context.CustomerContextStore}; its one hot-path operation,
 * {@link dev.touchpoint.context.CustomerContextStore#decide(TouchpointRequest)}, answers SEND, SUPPRESS or DEFER for
 * one touchpoint and, when it says SEND, reserves it in the same atomic step (a Hazelcast entry processor on the
 * customer's context entry). Consent and profile are persisted through a Hazelcast MapStore to the application's
 * database. The implementation lives in {@code dev.touchpoint.context.internal}; other modules depend on this package
 * only. State changes are published as past-tense Spring events ({@link dev.touchpoint.context.ConsentGranted},
 * {@link dev.touchpoint.context.ConsentWithdrawn}, {@link dev.touchpoint.context.CustomerErased}).
 */
package dev.touchpoint.context;
