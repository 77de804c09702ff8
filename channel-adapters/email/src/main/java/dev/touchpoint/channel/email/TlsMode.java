package dev.touchpoint.channel.email;

/** How the SMTP connection is protected. */
public enum TlsMode {
    /** Plain connection upgraded with STARTTLS, which is required (submission port 587). */
    STARTTLS,
    /** TLS from the first byte (SMTPS, port 465). */
    TLS,
    /** No TLS: only for a relay on the same host (the sandbox, a local MTA). Refused with credentials elsewhere. */
    NONE
}
