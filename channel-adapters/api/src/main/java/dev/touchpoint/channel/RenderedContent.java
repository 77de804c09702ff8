package dev.touchpoint.channel;

/**
 * Content rendered by the brand design system for exactly one channel. Adapters deliver it as it is: they neither
 * template nor escape.
 */
public sealed interface RenderedContent permits EmailContent, SmsContent, PushContent, KioskContent {

    /** The channel this content was rendered for. */
    Channel channel();
}
