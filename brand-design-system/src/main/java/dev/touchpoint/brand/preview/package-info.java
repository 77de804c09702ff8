/** The preview command and the writers behind it ({@code .eml}, text, JSON, standalone kiosk pages). */
package dev.touchpoint.brand.preview;
