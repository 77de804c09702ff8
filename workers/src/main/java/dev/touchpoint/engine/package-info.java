/**
 * The Zeebe engine behind Touchpoint: {@link dev.touchpoint.engine.EngineRuntime} with an in-JVM engine
 * ({@code touchpoint.engine.mode=embedded}, the default) or a remote cluster ({@code remote}), and the engine's health.
 * Everything else talks to the engine through the Camunda client only (ADR-0001).
 */
package dev.touchpoint.engine;
