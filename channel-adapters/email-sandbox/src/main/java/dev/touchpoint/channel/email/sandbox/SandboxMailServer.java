package dev.touchpoint.channel.email.sandbox;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import dev.touchpoint.channel.CustomerDataEraser;
import dev.touchpoint.channel.email.autoconfigure.SandboxSmtpRelay;
import jakarta.mail.internet.InternetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The e-mail sandbox of the embedded default: a GreenMail SMTP server on loopback that accepts every message for
 * every recipient (no authentication, no TLS) and keeps it in memory, newest {@code maxMessages} only, so a new user
 * sees real MIME messages without an account. Nothing leaves the machine. It never runs in the {@code cluster}
 * profile.
 */
public final class SandboxMailServer implements SandboxSmtpRelay, AutoCloseable, CustomerDataEraser {

    private static final Logger log = LoggerFactory.getLogger(SandboxMailServer.class);

    private final GreenMail greenMail;
    private final int maxMessages;
    private ScheduledExecutorService pruner;

    /**
     * @param host        the loopback address to bind
     * @param port        the SMTP port, 0 for any free port
     * @param maxMessages how many messages are kept; older ones are dropped
     */
    public SandboxMailServer(String host, int port, int maxMessages) {
        if (maxMessages < 1) {
            throw new IllegalArgumentException("maxMessages must be positive");
        }
        this.maxMessages = maxMessages;
        this.greenMail = new GreenMail(new ServerSetup(port, host, ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        // GreenMail's own handler logs every new recipient address at INFO; this one creates mailboxes quietly
        UserManager users = greenMail.getUserManager();
        users.setMessageDeliveryHandler((message, address) -> mailboxOf(users, address.getEmail()));
    }

    private static synchronized GreenMailUser mailboxOf(UserManager users, String email) throws UserException {
        GreenMailUser user = users.getUserByEmail(email);
        return user != null ? user : users.createUser(email, email, email);
    }

    /** Starts the SMTP server and the pruning of old messages. */
    public synchronized void start() {
        if (greenMail.isRunning()) {
            return;
        }
        greenMail.start();
        pruner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "email-sandbox-pruner");
            thread.setDaemon(true);
            return thread;
        });
        pruner.scheduleWithFixedDelay(this::prune, 10, 10, TimeUnit.SECONDS);
        log.info("Email sandbox: SMTP on {}:{} keeps the newest {} messages; list them at "
                + "GET /api/sandbox/email/messages", host(), port(), maxMessages);
    }

    /** Stops the server; the messages are gone. */
    @Override
    public synchronized void close() {
        if (pruner != null) {
            pruner.shutdownNow();
        }
        greenMail.stop();
    }

    @Override
    public String host() {
        return greenMail.getSmtp().getBindTo();
    }

    /** The port the SMTP server listens on (the real one when started with port 0). */
    @Override
    public int port() {
        return greenMail.getSmtp().getPort();
    }

    /** Every message received, newest first. */
    public List<SandboxEmailSummary> messages() {
        return stored().stream().map(Stored::summary).toList();
    }

    /** One message with headers and decoded alternatives. */
    public Optional<SandboxEmail> message(String id) {
        return find(id).map(Stored::detail);
    }

    /** One message exactly as received (RFC 5322 / MIME). */
    public Optional<byte[]> raw(String id) {
        return find(id).map(stored -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                stored.mime().writeTo(out);
            } catch (IOException | MessagingException e) {
                throw new IllegalStateException("the sandbox could not serialise a stored message", e);
            }
            return out.toByteArray();
        });
    }

    /** Deletes every message; returns how many there were. */
    public int purge() {
        int count = stored().size();
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (FolderException e) {
            throw new IllegalStateException("the sandbox mailbox could not be purged", e);
        }
        return count;
    }

    @Override
    public String name() {
        return "email-sandbox";
    }

    /** Deletes the messages sent to any of the addresses (compared case-insensitively); returns how many. */
    @Override
    public synchronized int eraseCustomer(String customerId, Set<String> addresses) {
        Set<String> lower = new HashSet<>();
        addresses.forEach(a -> lower.add(a.toLowerCase(Locale.ROOT)));
        int erased = 0;
        try {
            List<Stored> matching = new ArrayList<>();
            for (Stored stored : stored()) {
                Address[] recipients = stored.mime().getAllRecipients();
                if (recipients == null) {
                    continue;
                }
                for (Address recipient : recipients) {
                    String address = recipient instanceof InternetAddress internet ? internet.getAddress() : recipient.toString();
                    if (address != null && lower.contains(address.toLowerCase(Locale.ROOT))) {
                        matching.add(stored);
                        break;
                    }
                }
            }
            for (Stored stored : matching) {
                stored.message().setFlag(Flags.Flag.DELETED, true);
                erased++;
            }
            for (Stored stored : matching) {
                stored.folder().expunge();
            }
        } catch (MessagingException | FolderException e) {
            throw new IllegalStateException("the email sandbox could not erase a customer's messages", e);
        }
        return erased;
    }

    /** Drops the oldest messages beyond {@code maxMessages}. */
    void prune() {
        try {
            List<Stored> all = stored();
            if (all.size() <= maxMessages) {
                return;
            }
            for (Stored old : all.subList(maxMessages, all.size())) {
                old.message().setFlag(Flags.Flag.DELETED, true);
            }
            for (Stored old : all.subList(maxMessages, all.size())) {
                old.folder().expunge();
            }
        } catch (FolderException | RuntimeException e) {
            log.warn("pruning the email sandbox failed: {}", e.toString());
        }
    }

    private Optional<Stored> find(String id) {
        return stored().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    private List<Stored> stored() {
        List<Stored> all = new ArrayList<>();
        for (GreenMailUser user : greenMail.getUserManager().listUser()) {
            MailFolder inbox;
            try {
                inbox = greenMail.getManagers().getImapHostManager().getInbox(user);
            } catch (FolderException e) {
                continue;
            }
            String owner = shortHash(user.getEmail());
            for (StoredMessage message : inbox.getNonDeletedMessages()) {
                all.add(new Stored(owner + "-" + message.getUid(), inbox, message));
            }
        }
        all.sort(Comparator.comparing((Stored s) -> s.message().getReceivedDate()).reversed()
                .thenComparing(Stored::id, Comparator.reverseOrder()));
        return all;
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Stored(String id, MailFolder folder, StoredMessage message) {

        MimeMessage mime() {
            return message.getMimeMessage();
        }

        SandboxEmailSummary summary() {
            MimeMessage mime = mime();
            try {
                List<String> to = mime.getAllRecipients() == null ? List.of()
                        : Arrays.stream(mime.getAllRecipients()).map(Address::toString).toList();
                String from = mime.getFrom() == null || mime.getFrom().length == 0 ? null
                        : mime.getFrom()[0].toString();
                return new SandboxEmailSummary(id, mime.getMessageID(), decoded(from), decodedAll(to),
                        mime.getSubject(), message.getReceivedDate().toInstant(),
                        mime.getHeader("List-Unsubscribe-Post") != null);
            } catch (MessagingException e) {
                throw new IllegalStateException("the sandbox could not read a stored message", e);
            }
        }

        SandboxEmail detail() {
            MimeMessage mime = mime();
            try {
                List<SandboxEmail.Header> headers = new ArrayList<>();
                for (jakarta.mail.Header header : Collections.list(mime.getAllHeaders())) {
                    headers.add(new SandboxEmail.Header(header.getName(), header.getValue()));
                }
                String[] alternatives = new String[2];
                collect(mime, alternatives);
                return new SandboxEmail(summary(), headers, alternatives[0], alternatives[1]);
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException("the sandbox could not read a stored message", e);
            }
        }

        private static void collect(Part part, String[] alternatives) throws MessagingException, IOException {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    collect(multipart.getBodyPart(i), alternatives);
                }
            } else if (part.isMimeType("text/plain") && alternatives[0] == null) {
                alternatives[0] = (String) part.getContent();
            } else if (part.isMimeType("text/html") && alternatives[1] == null) {
                alternatives[1] = (String) part.getContent();
            }
        }

        private static String decoded(String address) {
            return address == null ? null : MimeUtility.unfold(decodeWords(address));
        }

        private static List<String> decodedAll(List<String> addresses) {
            return addresses.stream().map(Stored::decoded).toList();
        }

        private static String decodeWords(String text) {
            try {
                return MimeUtility.decodeText(text);
            } catch (UnsupportedEncodingException e) {
                return text;
            }
        }
    }
}
