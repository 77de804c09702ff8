package dev.touchpoint.brand;

import dev.touchpoint.channel.Channel;

import java.util.List;

/**
 * A rendered touchpoint, ready for a channel adapter. Each channel has its own record; use a {@code switch} over the
 * sealed hierarchy or {@link BrandDesignSystem#renderEmail(RenderRequest)} and friends for a typed result.
 */
public sealed interface RenderedMessage permits RenderedEmail, RenderedSms, RenderedPush, RenderedKiosk {

    Channel channel();

    Category category();

    /** Template id, version, locale, channel and SHA-256 of the content, for the evidence ledger. */
    ContentFingerprint fingerprint();

    /** Rule warnings (never errors: a render with errors throws). */
    List<RuleViolation> warnings();
}
