/**
 * GSM-7 / UCS-2 detection and SMS segment counting by the rules carriers and Twilio apply: the one counter of the
 * project, used by the brand design system (segment budgets, previews) and the SMS adapter (the sender rate limiter,
 * the Twilio sandbox). Never splits an escape sequence or a surrogate pair across parts.
 */
package dev.touchpoint.channel.gsm;
