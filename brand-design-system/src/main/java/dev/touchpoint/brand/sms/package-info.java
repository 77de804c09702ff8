/** GSM-7 / UCS-2 detection and SMS segment counting by the rules carriers and Twilio apply. */
package dev.touchpoint.brand.sms;
