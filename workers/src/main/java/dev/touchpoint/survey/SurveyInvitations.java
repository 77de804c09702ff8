package dev.touchpoint.survey;

import dev.touchpoint.brand.SurveyLinks;
import dev.touchpoint.brand.SurveyMetric;
import dev.touchpoint.delivery.SurveyLinkIssuer;
import dev.touchpoint.security.HmacSha256;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The survey invitations ({@code survey_invitation}, V17): one per survey touchpoint, created when it is rendered, with
 * its answer links. A link is {@code <base>/t/s/<id>.<signature>/<score>}: the id is 16 random bytes, the signature an
 * HMAC-SHA256 of it (truncated to 16 bytes) under the survey secret, so a forged or altered link is refused before the
 * database is asked, and nothing in it says who the customer is. Single use and expiry are the row's: the first answer
 * is stored with a conditional update; a later one, or one after {@code expires_at}, stores nothing.
 */
public class SurveyInvitations implements SurveyLinkIssuer {

    /** The public prefix of survey links (under {@code /t/**}, public and rate limited as group SURVEY). */
    public static final String PREFIX = "/t/s/";

    private static final Pattern TOKEN = Pattern.compile("([A-Za-z0-9_-]{22})\\.([A-Za-z0-9_-]{22})");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A stored invitation. {@code score} and {@code answeredAt} are null while it is open. */
    public record Invitation(String id, String touchpointKey, String customerId, String survey, SurveyMetric metric,
                             String journey, String measures, String channel, String locale, Instant issuedAt,
                             Instant expiresAt, Instant sentAt, Instant answeredAt, Integer score, String answerChannel,
                             Instant commentedAt) {

        public boolean answered() {
            return answeredAt != null;
        }

        public boolean expired(Instant now) {
            return !now.isBefore(expiresAt);
        }
    }

    /** What became of an answer. */
    public enum Answer { RECORDED, ALREADY_ANSWERED, CLOSED, NOT_FOUND }

    private final JdbcTemplate jdbc;
    private final List<byte[]> secrets;
    private final ThreadLocal<Mac> signer;
    private final String publicBaseUrl;
    private final Duration lifetime;
    private final Clock clock;

    /**
     * @param secrets       the first signs, all verify
     * @param publicBaseUrl where customers reach {@code /t/s/**}
     */
    public SurveyInvitations(DataSource dataSource, List<byte[]> secrets, String publicBaseUrl, Duration lifetime, Clock clock) {
        if (secrets.isEmpty() || secrets.stream().anyMatch(s -> s.length < 16)) {
            throw new IllegalArgumentException("survey secrets must be at least 16 bytes");
        }
        URI base = URI.create(publicBaseUrl);
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || base.getHost() == null) {
            throw new IllegalArgumentException("touchpoint.surveys.public-base-url must be an absolute http(s) URL, e.g."
                    + " https://t.example.com; got '" + publicBaseUrl + "'");
        }
        this.jdbc = new JdbcTemplate(dataSource);
        this.secrets = secrets.stream().map(byte[]::clone).toList();
        this.signer = HmacSha256.perThread(this.secrets.getFirst());
        this.publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    @Override
    public SurveyLinks issue(SurveyLinkIssuer.Invitation request) {
        Invitation invitation = byTouchpointKey(request.touchpointKey()).orElseGet(() -> create(request));
        return links(invitation.id(), invitation.metric());
    }

    private Invitation create(SurveyLinkIssuer.Invitation request) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String id = B64.encodeToString(random);
        Instant now = clock.instant();
        try {
            jdbc.update("INSERT INTO survey_invitation (id, touchpoint_key, customer_id, survey, metric, journey, measures,"
                            + " channel, locale, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    id, request.touchpointKey(), request.customerId(), request.survey(), request.metric().id(),
                    request.journey(), truncate(request.measures(), 128), request.channel().name(), request.locale(),
                    ts(now), ts(now.plus(lifetime)));
        } catch (DuplicateKeyException raced) {
            // another activation of the same touchpoint issued them first: use its links
        }
        return byTouchpointKey(request.touchpointKey())
                .orElseThrow(() -> new IllegalStateException("survey invitation for " + request.touchpointKey() + " not stored"));
    }

    /** The answer links and page of an invitation. */
    public SurveyLinks links(String id, SurveyMetric metric) {
        String token = token(id);
        TreeMap<Integer, String> answers = new TreeMap<>();
        for (int score : metric.scores()) {
            answers.put(score, publicBaseUrl + PREFIX + token + "/" + score);
        }
        return new SurveyLinks(answers, publicBaseUrl + PREFIX + token);
    }

    /** {@code <id>.<signature>}: what a link carries. */
    public String token(String id) {
        byte[] mac = signer.get().doFinal(("survey\n" + id).getBytes(StandardCharsets.UTF_8));
        return id + "." + B64.encodeToString(Arrays.copyOf(mac, 16));
    }

    /** The invitation id of an authentic token (any configured secret), else empty. Never reads the database. */
    public Optional<String> verify(String token) {
        if (token == null || token.length() > 64) {
            return Optional.empty();
        }
        var matcher = TOKEN.matcher(token);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String id = matcher.group(1);
        byte[] signature = Base64.getUrlDecoder().decode(matcher.group(2));
        boolean authentic = false;
        for (byte[] secret : secrets) {
            byte[] expected = Arrays.copyOf(HmacSha256.keyed(secret).doFinal(("survey\n" + id).getBytes(StandardCharsets.UTF_8)), 16);
            authentic |= MessageDigest.isEqual(expected, signature);
        }
        return authentic ? Optional.of(id) : Optional.empty();
    }

    public Optional<Invitation> find(String id) {
        return jdbc.query("SELECT * FROM survey_invitation WHERE id = ?", SurveyInvitations::row, id).stream().findFirst();
    }

    Optional<Invitation> byTouchpointKey(String key) {
        return jdbc.query("SELECT * FROM survey_invitation WHERE touchpoint_key = ?", SurveyInvitations::row, key)
                .stream().findFirst();
    }

    /**
     * Stores the first answer of an open invitation. The single-use guarantee is this one conditional update: of two
     * answers racing, one updates the row and the other finds it answered.
     */
    public Answer answer(String id, int score, String channel, Instant now) {
        int updated = jdbc.update("UPDATE survey_invitation SET answered_at = ?, score = ?, answer_channel = ?,"
                        + " sent_at = COALESCE(sent_at, issued_at) WHERE id = ? AND answered_at IS NULL AND expires_at > ?",
                ts(now), score, channel, id, ts(now));
        if (updated == 1) {
            return Answer.RECORDED;
        }
        return find(id).map(i -> i.answered() ? Answer.ALREADY_ANSWERED : Answer.CLOSED).orElse(Answer.NOT_FOUND);
    }

    /**
     * The answer's hand-over (ledger evidence, context, ingress events) is done: the sweeper leaves it alone from now
     * on (V19, ADR-0030 §3).
     */
    public void handedOver(String id, Instant at) {
        jdbc.update("UPDATE survey_invitation SET handed_over_at = ? WHERE id = ? AND handed_over_at IS NULL", ts(at), id);
    }

    /**
     * Answered invitations whose hand-over is not done, answered before {@code answeredBefore} (the grace the request
     * that stored the answer has to hand it over itself) and not claimed by a sweeper until after {@code now}; oldest
     * first, at most {@code max}. An erased customer's answers are not handed over any more.
     */
    public List<Invitation> handoverDue(Instant answeredBefore, Instant now, int max) {
        return jdbc.query("SELECT * FROM survey_invitation WHERE handed_over_at IS NULL AND answered_at IS NOT NULL"
                        + " AND answered_at < ? AND (handover_retry_at IS NULL OR handover_retry_at <= ?)"
                        + " AND customer_id <> '~erased' ORDER BY answered_at, id FETCH FIRST " + Math.max(1, max)
                        + " ROWS ONLY",
                SurveyInvitations::row, ts(answeredBefore), ts(now));
    }

    /**
     * Claims the hand-over retry of an invitation until {@code until}: of two sweepers, one moves the claim and retries,
     * the other finds it claimed. False when it is handed over or claimed by another.
     */
    public boolean claimHandover(String id, Instant now, Instant until) {
        return jdbc.update("UPDATE survey_invitation SET handover_retry_at = ? WHERE id = ? AND handed_over_at IS NULL"
                        + " AND (handover_retry_at IS NULL OR handover_retry_at <= ?)", ts(until), id, ts(now)) == 1;
    }

    /** Answers stored whose hand-over is not done (the gauge {@code touchpoint.surveys.handover.pending}). */
    public long handoverPending() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM survey_invitation WHERE handed_over_at IS NULL"
                + " AND answered_at IS NOT NULL AND customer_id <> '~erased'", Long.class);
        return n == null ? 0 : n;
    }

    /** Stores the one optional comment of an answered, unexpired invitation; false when there is nothing to add it to. */
    public boolean comment(String id, String text, Instant now) {
        return jdbc.update("UPDATE survey_invitation SET comment_text = ?, commented_at = ? WHERE id = ?"
                        + " AND answered_at IS NOT NULL AND commented_at IS NULL AND expires_at > ?",
                text, ts(now), id, ts(now)) == 1;
    }

    /** The provider took the survey touchpoint: it counts as sent (the response rate's denominator). */
    public void sent(String touchpointKey, Instant at) {
        jdbc.update("UPDATE survey_invitation SET sent_at = ? WHERE touchpoint_key = ? AND sent_at IS NULL",
                ts(at), touchpointKey);
    }

    /**
     * The survey an SMS reply answers: the customer's latest SMS survey sent within {@code window}, still open. Only
     * the latest counts: a number texted back after a newer survey is that one's answer, never an older one's.
     */
    public Optional<Invitation> latestOpenSms(String customerId, Duration window, Instant now) {
        List<Invitation> latest = jdbc.query("SELECT * FROM survey_invitation WHERE customer_id = ? AND channel = 'SMS'"
                        + " AND sent_at IS NOT NULL AND sent_at > ? ORDER BY sent_at DESC, issued_at DESC LIMIT 1",
                SurveyInvitations::row, customerId, ts(now.minus(window)));
        return latest.stream().findFirst().filter(i -> !i.answered() && !i.expired(now));
    }

    /** Erasure: the invitations stay for the results, without the customer or their comment. */
    int anonymise(String customerId) {
        return jdbc.update("UPDATE survey_invitation SET customer_id = '~erased', comment_text = NULL WHERE customer_id = ?",
                customerId);
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private static Invitation row(ResultSet rs, int n) throws SQLException {
        int score = rs.getInt("score");
        Integer scoreValue = rs.wasNull() ? null : score;
        return new Invitation(rs.getString("id"), rs.getString("touchpoint_key"), rs.getString("customer_id"),
                rs.getString("survey"), SurveyMetric.fromId(rs.getString("metric")), rs.getString("journey"),
                rs.getString("measures"), rs.getString("channel"), rs.getString("locale"), instant(rs, "issued_at"),
                instant(rs, "expires_at"), instant(rs, "sent_at"), instant(rs, "answered_at"), scoreValue,
                rs.getString("answer_channel"), instant(rs, "commented_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        java.time.OffsetDateTime value = rs.getObject(column, java.time.OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static java.time.OffsetDateTime ts(Instant instant) {
        return instant.atOffset(java.time.ZoneOffset.UTC);
    }
}
