package dev.touchpoint.channel;

/**
 * Why an e-mail is sent. Marketing mail must offer a one-click unsubscribe (RFC 8058, required by the large mailbox
 * providers for bulk senders); transactional mail (receipts, password resets) must not carry one.
 */
public enum EmailCategory {
    MARKETING,
    TRANSACTIONAL
}
