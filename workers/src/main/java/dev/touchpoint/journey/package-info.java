/**
 * Journeys: the files under {@code workflows/} checked by the journey lint and deployed in one deployment at
 * start-up (rejections reported with file, element and reason), the journey API for designers and operators, and
 * customer actions on kiosks turned into engine messages.
 */
package dev.touchpoint.journey;
