package dev.touchpoint.context;

/**
 * The consent effect of an inbound SMS keyword. Which words are keywords is decided once, by the SMS adapter
 * ({@code dev.touchpoint.channel.SmsKeyword}: STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT opt out; START, YES, UNSTOP
 * opt back in); {@link SmsKeywordConsent} maps what it recognised to this.
 */
public enum SmsKeyword {
    /** Opt out of SMS. */
    STOP,
    /** Opt back in to SMS. */
    START
}
