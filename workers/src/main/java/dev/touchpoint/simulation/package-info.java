/**
 * Journey scenarios with virtual time ({@code ./touchpoint simulate}): scenario files, the simulated clock moved
 * together with the embedded engine's, the run of the real journeys with the sandbox providers, and the timeline.
 * Not part of a running Touchpoint: {@link dev.touchpoint.simulation.SimulateCli} starts an application of its own.
 */
package dev.touchpoint.simulation;
