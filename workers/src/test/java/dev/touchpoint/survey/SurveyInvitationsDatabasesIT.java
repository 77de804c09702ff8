package dev.touchpoint.survey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoint.brand.SurveyLinks;
import dev.touchpoint.brand.SurveyMetric;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.delivery.SurveyLinkIssuer;
import dev.touchpoint.ledger.LedgerDatabases;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The survey SQL of V17 on both databases (H2 and PostgreSQL on an embedded server on loopback), at fixed times:
 * one invitation per touchpoint key, signed ids, single use, expiry, the comment, SMS attribution, erasure, results.
 */
class SurveyInvitationsDatabasesIT {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final List<byte[]> SECRET = List.of("survey-secret-for-tests-0123456789".getBytes(StandardCharsets.UTF_8));

    private static SurveyInvitations invitations(DataSource dataSource, Instant now) {
        return new SurveyInvitations(dataSource, SECRET, "http://127.0.0.1:8080", Duration.ofDays(14), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static SurveyLinkIssuer.Invitation request(String key, String customer, SurveyMetric metric, Channel channel) {
        return new SurveyLinkIssuer.Invitation(key, customer, metric.id() + "-survey", metric, "order-shipped:3", "order-shipped",
                channel, "de");
    }

    private static String id(SurveyLinks links) {
        String token = links.page().substring(links.page().lastIndexOf('/') + 1);
        return token.substring(0, token.indexOf('.'));
    }

    @ParameterizedTest
    @EnumSource(LedgerDatabases.Kind.class)
    void anInvitationIsIssuedOnceAnsweredOnceAndClosesWhenItExpires(LedgerDatabases.Kind kind) {
        DataSource db = LedgerDatabases.create(kind).dataSource();
        SurveyInvitations invitations = invitations(db, T0);
        String key = "tp-" + UUID.randomUUID();
        String customer = "c-" + UUID.randomUUID();
        SurveyLinks links = invitations.issue(request(key, customer, SurveyMetric.NPS, Channel.EMAIL));
        assertThat(links.answers()).hasSize(11);
        assertThat(links.answers().get(7)).startsWith("http://127.0.0.1:8080/t/s/").endsWith("/7").doesNotContain(customer);
        assertThat(invitations.issue(request(key, customer, SurveyMetric.NPS, Channel.EMAIL))).as("a retried render").isEqualTo(links);

        String id = id(links);
        String token = invitations.token(id);
        assertThat(invitations.verify(token)).contains(id);
        // a character in the middle of the signature (the last base64url character carries unused bits: changing
        // it may decode to the same signature)
        int at = token.length() - 5;
        assertThat(invitations.verify(token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1)))
                .isEmpty();
        // another first character of the id (a random id starts with 'x' one time in 64: then the "changed" token was the same)
        assertThat(invitations.verify((token.charAt(0) == 'x' ? "y" : "x") + token.substring(1))).as("another id, the old signature").isEmpty();
        assertThat(new SurveyInvitations(db, List.of("another-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8)),
                "http://127.0.0.1:8080", Duration.ofDays(14), Clock.fixed(T0, ZoneOffset.UTC)).verify(token)).isEmpty();

        assertThat(invitations.comment(id, "too early", T0.plusSeconds(5))).as("no comment before an answer").isFalse();
        assertThat(invitations.answer(id, 9, "EMAIL", T0.plusSeconds(10))).isEqualTo(SurveyInvitations.Answer.RECORDED);
        assertThat(invitations.answer(id, 2, "EMAIL", T0.plusSeconds(11))).isEqualTo(SurveyInvitations.Answer.ALREADY_ANSWERED);
        assertThat(invitations.comment(id, "Schnell geliefert, danke!", T0.plusSeconds(20))).isTrue();
        assertThat(invitations.comment(id, "again", T0.plusSeconds(21))).isFalse();
        SurveyInvitations.Invitation stored = invitations.find(id).orElseThrow();
        assertThat(stored.score()).isEqualTo(9);
        assertThat(stored.answeredAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(stored.sentAt()).as("answered, so it was sent").isEqualTo(T0);
        assertThat(stored.journey()).isEqualTo("order-shipped:3");

        String late = id(invitations.issue(request("tp-" + UUID.randomUUID(), customer, SurveyMetric.CSAT, Channel.PUSH)));
        assertThat(invitations.answer(late, 4, "PUSH", T0.plus(Duration.ofDays(14)))).isEqualTo(SurveyInvitations.Answer.CLOSED);
        assertThat(invitations.answer("AAAAAAAAAAAAAAAAAAAAAA", 4, "PUSH", T0)).isEqualTo(SurveyInvitations.Answer.NOT_FOUND);

        assertThat(invitations.anonymise(customer)).isEqualTo(2);
        assertThat(invitations.find(id).orElseThrow().customerId()).isEqualTo("~erased");
    }

    @ParameterizedTest
    @EnumSource(LedgerDatabases.Kind.class)
    void anSmsReplyGoesToTheLatestOpenSmsSurveySentWithinTheWindow(LedgerDatabases.Kind kind) {
        DataSource db = LedgerDatabases.create(kind).dataSource();
        SurveyInvitations invitations = invitations(db, T0);
        String customer = "c-" + UUID.randomUUID();
        Duration window = Duration.ofDays(3);
        String older = id(invitations.issue(request("k-older-" + customer, customer, SurveyMetric.NPS, Channel.SMS)));
        invitations.sent("k-older-" + customer, T0);
        String email = id(invitations.issue(request("k-email-" + customer, customer, SurveyMetric.CSAT, Channel.EMAIL)));
        invitations.sent("k-email-" + customer, T0.plusSeconds(7200));
        String newer = id(invitations.issue(request("k-newer-" + customer, customer, SurveyMetric.CSAT, Channel.SMS)));
        invitations.sent("k-newer-" + customer, T0.plusSeconds(3600));
        String unsent = id(invitations.issue(request("k-unsent-" + customer, customer, SurveyMetric.CES, Channel.SMS)));

        assertThat(invitations.latestOpenSms(customer, window, T0.plusSeconds(9000))).map(SurveyInvitations.Invitation::id)
                .as("the latest SMS survey actually sent; not the email one, not the unsent one").contains(newer);
        invitations.answer(newer, 5, "SMS", T0.plusSeconds(9000));
        assertThat(invitations.latestOpenSms(customer, window, T0.plusSeconds(9100)))
                .as("the latest is answered: a further number answers nothing, not the older survey").isEmpty();
        assertThat(invitations.latestOpenSms(customer, window, T0.plus(Duration.ofDays(4)))).as("outside the window").isEmpty();
        assertThat(List.of(older, email, unsent)).allSatisfy(id -> assertThat(invitations.find(id).orElseThrow().answered()).isFalse());
    }

    @ParameterizedTest
    @EnumSource(LedgerDatabases.Kind.class)
    void resultsCountSentSurveysPerWeekAndScoreTheirAnswers(LedgerDatabases.Kind kind) {
        DataSource db = LedgerDatabases.create(kind).dataSource();
        SurveyInvitations invitations = invitations(db, T0);
        String survey = "ces-" + UUID.randomUUID().toString().substring(0, 8);
        int[][] weeks = {{7, 6, 5}, {2, 4}};
        int n = 0;
        for (int week = 0; week < weeks.length; week++) {
            for (int score : weeks[week]) {
                String key = survey + "-" + n++;
                SurveyLinkIssuer.Invitation request = new SurveyLinkIssuer.Invitation(key, "c-r", survey, SurveyMetric.CES,
                        "welcome:1", null, Channel.PUSH, "zh-Hant");
                String id = id(invitations.issue(request));
                invitations.sent(key, T0.plus(Duration.ofDays(7L * week)));
                invitations.answer(id, score, "PUSH", T0.plus(Duration.ofDays(7L * week)).plusSeconds(60));
            }
            invitations.issue(new SurveyLinkIssuer.Invitation(survey + "-unanswered-" + week, "c-r", survey, SurveyMetric.CES,
                    "welcome:1", null, Channel.PUSH, "zh-Hant"));
            invitations.sent(survey + "-unanswered-" + week, T0.plus(Duration.ofDays(7L * week)));
        }
        List<SurveyResults.Result> results = new SurveyResults(db).results(survey,
                EnumSet.of(SurveyResults.Dimension.WEEK, SurveyResults.Dimension.LOCALE, SurveyResults.Dimension.JOURNEY), null, null);
        assertThat(results).extracting(r -> r.group().get("week")).containsExactly("2026-W10", "2026-W11");
        SurveyResults.Result first = results.getFirst();
        assertThat(first.group()).containsEntry("locale", "zh-Hant").containsEntry("journey", "welcome");
        assertThat(first.sent()).isEqualTo(4);
        assertThat(first.responses()).isEqualTo(3);
        assertThat(first.score()).isEqualTo(6.0);
        // s = 1, t(0.975, 2) = 4.302653
        assertThat(first.ciLow()).isCloseTo(6 - 4.302653 / Math.sqrt(3), org.assertj.core.data.Offset.offset(1e-5));
        SurveyResults.Result second = results.get(1);
        assertThat(second.score()).isEqualTo(3.0);
        assertThat(second.responseRate()).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(new SurveyResults(db).results(survey, EnumSet.noneOf(SurveyResults.Dimension.class), T0.plus(Duration.ofDays(7)), null))
                .singleElement().satisfies(r -> assertThat(r.sent()).as("from week 11 on").isEqualTo(3));
    }

    @ParameterizedTest
    @EnumSource(LedgerDatabases.Kind.class)
    void theHandOverOutboxFindsAnswersNotHandedOverAfterTheGraceAndOneSweeperClaimsEach(LedgerDatabases.Kind kind) {
        DataSource db = LedgerDatabases.create(kind).dataSource();
        SurveyInvitations invitations = invitations(db, T0);
        String customer = "c-" + UUID.randomUUID();
        String open = id(invitations.issue(request("h-open-" + customer, customer, SurveyMetric.NPS, Channel.EMAIL)));
        String done = id(invitations.issue(request("h-done-" + customer, customer, SurveyMetric.NPS, Channel.EMAIL)));
        String pending = id(invitations.issue(request("h-pending-" + customer, customer, SurveyMetric.NPS, Channel.EMAIL)));
        String fresh = id(invitations.issue(request("h-fresh-" + customer, customer, SurveyMetric.NPS, Channel.EMAIL)));
        invitations.answer(done, 9, "EMAIL", T0.plusSeconds(10));
        invitations.handedOver(done, T0.plusSeconds(11));
        invitations.answer(pending, 3, "EMAIL", T0.plusSeconds(20));
        invitations.answer(fresh, 3, "EMAIL", T0.plusSeconds(200));
        Instant now = T0.plusSeconds(210);

        List<String> due = invitations.handoverDue(now.minusSeconds(120), now, 100).stream()
                .map(SurveyInvitations.Invitation::id).filter(List.of(open, done, pending, fresh)::contains).toList();
        assertThat(due).as("answered, not handed over, older than the grace").containsExactly(pending);
        assertThat(invitations.claimHandover(pending, now, now.plusSeconds(120))).isTrue();
        assertThat(invitations.claimHandover(pending, now, now.plusSeconds(120))).as("the other sweeper").isFalse();
        assertThat(invitations.handoverDue(now.minusSeconds(120), now, 100)).extracting(SurveyInvitations.Invitation::id)
                .doesNotContain(pending);
        assertThat(invitations.handoverDue(now.minusSeconds(120), now.plusSeconds(120), 100))
                .extracting(SurveyInvitations.Invitation::id).as("the claim ran out").contains(pending);
        long before = invitations.handoverPending();
        invitations.handedOver(pending, now);
        assertThat(invitations.handoverPending()).isEqualTo(before - 1);
        assertThat(invitations.claimHandover(pending, now.plusSeconds(500), now.plusSeconds(600))).isFalse();
        invitations.anonymise(customer);
        assertThat(invitations.handoverPending()).as("an erased customer's answer is not handed over").isEqualTo(before - 2);
    }
}
