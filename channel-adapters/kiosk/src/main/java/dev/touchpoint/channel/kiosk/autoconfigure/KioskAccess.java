package dev.touchpoint.channel.kiosk.autoconfigure;

import dev.touchpoint.channel.kiosk.KioskTokens;

/**
 * The kiosk tokens in force, and whether their secret was made up at start (embedded default without a configured
 * secret: kiosk links then hold only until the next start, and the sandbox API lists them).
 */
public record KioskAccess(KioskTokens tokens, boolean generatedSecret) {
}
