package dev.touchpoint.channel.email.sandbox;

import java.util.List;

/**
 * One message in the sandbox mailbox with its headers (as transmitted, RFC 2047 encoding intact) and its decoded
 * text and HTML alternatives, as returned by {@code GET /api/sandbox/email/messages/{id}}.
 *
 * @param summary the fields shown in the list
 * @param headers every header line in order
 * @param text    the decoded {@code text/plain} alternative, {@code null} if none
 * @param html    the decoded {@code text/html} alternative, {@code null} if none
 */
public record SandboxEmail(SandboxEmailSummary summary, List<Header> headers, String text, String html) {

    /** A header as transmitted. */
    public record Header(String name, String value) {
    }
}
