package dev.touchpoint.channel.email.sandbox;

import java.time.Instant;
import java.util.List;

/**
 * One message in the sandbox mailbox, as listed by {@code GET /api/sandbox/email/messages}.
 *
 * @param id         the sandbox's id for this copy (one copy per recipient)
 * @param messageId  the {@code Message-ID} header
 * @param from       the decoded {@code From} header
 * @param to         the decoded {@code To} addresses
 * @param subject    the decoded subject
 * @param receivedAt when the sandbox SMTP server received it
 * @param marketing  whether it carries the RFC 8058 one-click unsubscribe headers
 */
public record SandboxEmailSummary(String id, String messageId, String from, List<String> to, String subject,
                                  Instant receivedAt, boolean marketing) {
}
