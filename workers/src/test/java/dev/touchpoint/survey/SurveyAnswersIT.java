package dev.touchpoint.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.touchpoint.IsolatedApplication;
import dev.touchpoint.TestClock;
import dev.touchpoint.brand.SurveyMetric;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.channel.email.sandbox.SandboxEmail;
import dev.touchpoint.channel.email.sandbox.SandboxMailServer;
import dev.touchpoint.channel.sms.sandbox.SandboxSms;
import dev.touchpoint.channel.sms.sandbox.TwilioSandbox;
import dev.touchpoint.context.ChannelPreferences;
import dev.touchpoint.context.ConsentChange;
import dev.touchpoint.context.ConsentRecord;
import dev.touchpoint.context.ConsentSource;
import dev.touchpoint.context.ConsentStatus;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.CustomerProfile;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.delivery.SurveyLinkIssuer;
import dev.touchpoint.engine.EngineRecords;
import dev.touchpoint.engine.EngineRuntime;
import dev.touchpoint.ledger.EntryKind;
import dev.touchpoint.ledger.EvidenceEntry;
import dev.touchpoint.ledger.EvidenceLedger;
import dev.touchpoint.ledger.LedgerQuery;
import dev.touchpoint.security.Roles;
import dev.touchpoint.security.TestUsers;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Each channel's answer path end to end on the real application (embedded engine, workers, brand, sandbox providers,
 * H2): a journey asks, the customer answers by email link or SMS reply, the journey waiting for the answer hears it,
 * the ledger records it; duplicate and forged answers record nothing; STOP in the middle of a survey answers nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SurveyAnswersIT {

    private static final AtomicInteger CUSTOMERS = new AtomicInteger();
    private static final Pattern ANSWER_LINK = Pattern.compile("href=\"https?://[^\"/]+(/t/s/[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{22})/(\\d{1,2})\"");

    @DynamicPropertySource
    static void isolated(DynamicPropertyRegistry registry) {
        IsolatedApplication.register(registry);
    }

    @Autowired CamundaClient client;
    @Autowired EngineRuntime engine;
    @Autowired CustomerContextStore customers;
    @Autowired SandboxMailServer mailbox;
    @Autowired TwilioSandbox twilio;
    @Autowired EvidenceLedger ledger;
    @Autowired SurveyInvitations invitations;
    @Autowired DataSource dataSource;
    @Autowired TestRestTemplate http;

    EngineRecords records;

    @BeforeAll
    static void journeys(@Autowired CamundaClient client) {
        client.newDeployResourceCommand()
                .addProcessModel(asking("survey-email-it", "touchpoint.email.send", "nps-survey"), "survey-email-it.bpmn")
                .addProcessModel(asking("survey-sms-it", "touchpoint.sms.send", "csat-survey"), "survey-sms-it.bpmn")
                .send().join();
    }

    /** Sends the survey, then waits for its answer (or fourteen days). */
    static BpmnModelInstance asking(String id, String taskType, String survey) {
        return Bpmn.createExecutableProcess(id)
                .startEvent("start")
                .serviceTask("ask", t -> t.zeebeJobType(taskType).zeebeTaskHeader("templateId", survey)
                        .zeebeInputExpression("{measures: \"order-shipped\"}", "templateVariables"))
                .eventBasedGateway("waiting")
                .intermediateCatchEvent("answered").message(m -> m.name("survey.answered")
                        .zeebeCorrelationKeyExpression("customerId + \"/" + survey + "\""))
                .endEvent("heard-the-answer")
                .moveToLastGateway()
                .intermediateCatchEvent("no-answer").timerWithDuration("P14D")
                .endEvent("gave-up")
                .done();
    }

    @BeforeEach
    void records() {
        records = EngineRecords.of(engine);
    }

    @Test
    void anEmailLinkRecordsTheScoreOnceTheJourneyHearsItAndForgedLinksRecordNothing() {
        String customer = customer(Locale.GERMAN, Channel.EMAIL);
        long instance = start("survey-email-it", customer);

        SandboxEmail email = await().until(() -> emailTo(customer), java.util.Optional::isPresent).orElseThrow();
        Matcher links = ANSWER_LINK.matcher(email.html());
        Map<Integer, String> byScore = new java.util.TreeMap<>();
        while (links.find()) {
            byScore.put(Integer.parseInt(links.group(2)), links.group(1) + "/" + links.group(2));
        }
        assertThat(byScore.keySet()).containsExactlyElementsOf(SurveyMetric.NPS.scores());
        assertThat(byScore.values()).allSatisfy(link -> assertThat(link).doesNotContain(customer).doesNotContain("example.com"));
        String base = byScore.get(3).substring(0, byScore.get(3).lastIndexOf('/'));

        // forged: another signature, a score off the scale; nothing recorded, the journey still waits
        String forged = base.substring(0, base.length() - 4) + (base.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThat(http.getForEntity(forged + "/3", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.getForEntity(base + "/11", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(scoreOf(customer)).isNull();
        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT measures FROM survey_invitation WHERE customer_id = ?",
                String.class, customer)).as("templateVariables.measures").isEqualTo("order-shipped");

        ResponseEntity<String> thanks = http.getForEntity(byScore.get(3), String.class);
        assertThat(thanks.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(thanks.getBody()).contains("Danke, wir haben deine Antwort (3).").contains("<textarea");
        assertThat(thanks.getHeaders().getCacheControl()).contains("no-store");
        assertThat(thanks.getHeaders().getFirst("Referrer-Policy")).isEqualTo("no-referrer");

        await().until(() -> records.instanceCompleted(instance));
        assertThat(records.elementCompleted(instance, "heard-the-answer")).isTrue();
        assertThat(records.variable(instance, "score")).contains("3");
        assertThat(records.variable(instance, "npsGroup")).contains("\"detractor\"");

        // the context knows it: usable in audience filters and, through touchpoint.customer.facts, in journeys
        Map<String, String> attributes = customers.findProfile(customer).orElseThrow().attributes();
        assertThat(attributes).containsEntry("survey_nps_survey_score", "3").containsEntry("npsGroup", "detractor")
                .containsEntry("lastSurvey", "nps-survey").containsKey("lastSurveyAnsweredAt").containsEntry("attr", "kept");
        assertThat(new dev.touchpoint.campaign.AudienceFilter(null, null, null, null, List.of(
                new dev.touchpoint.campaign.AudienceFilter.AttributePredicate("npsGroup",
                        dev.touchpoint.campaign.AudienceFilter.AttributePredicate.Op.EQ, "detractor")))
                .matches(customers.findContext(customer).orElseThrow())).isTrue();

        // a second click (the same or another score) records nothing
        assertThat(http.getForEntity(byScore.get(3), String.class).getBody()).contains("bereits beantwortet");
        assertThat(http.getForEntity(byScore.get(10), String.class).getBody()).contains("bereits beantwortet");
        assertThat(scoreOf(customer)).isEqualTo(3);

        // one optional comment, once
        assertThat(comment(base, "Das Paket kam zu spät.").getBody()).contains("auch deinen Kommentar");
        assertThat(comment(base, "Noch etwas").getBody()).contains("bereits beantwortet");
        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT comment_text FROM survey_invitation WHERE customer_id = ?",
                String.class, customer)).isEqualTo("Das Paket kam zu spät.");

        List<EvidenceEntry> answered = ledger.query(LedgerQuery.forCustomer(customer).withKinds(Set.of(EntryKind.SURVEY_ANSWERED))).entries();
        assertThat(answered).hasSize(1);
        assertThat(answered.getFirst().attributes()).containsEntry("survey", "nps-survey").containsEntry("score", "3")
                .containsEntry("commentPresent", "false").containsEntry("askedOn", "EMAIL");
        assertThat(answered.getFirst().channel()).isEqualTo("EMAIL");

        // erasure: the answer stays for the results, without the customer or the comment
        customers.erase(customer, "survey-it");
        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM survey_invitation WHERE customer_id = ?",
                Integer.class, customer)).isZero();
        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM survey_invitation WHERE id = ?"
                + " AND customer_id = '~erased' AND comment_text IS NULL AND score = 3", Integer.class,
                base.substring(base.lastIndexOf('/') + 1, base.lastIndexOf('.')))).isEqualTo(1);
    }

    @Test
    void anSmsReplyAnswersTheLatestOpenSurveyAndStopInTheMiddleAnswersNothing() {
        String customer = customer(Locale.ENGLISH, Channel.SMS);
        String phone = phoneOf(customer);
        long instance = start("survey-sms-it", customer);
        SandboxSms sms = await().until(() -> smsTo(phone), java.util.Optional::isPresent).orElseThrow();
        assertThat(sms.body()).contains("Reply with a number").contains("STOP");
        await().until(() -> sentAt(customer) != null);

        // STOP wins: consent is withdrawn, the survey is not answered, the journey keeps waiting
        twilio.simulateInbound(phone, sms.from(), "STOP");
        await().until(() -> customers.findContext(customer).orElseThrow().consent(Channel.SMS, Purpose.MARKETING)
                .map(ConsentRecord::status).orElse(null) == ConsentStatus.WITHDRAWN);
        twilio.simulateInbound(phone, sms.from(), "thanks, great service");
        twilio.simulateInbound(phone, sms.from(), "9");
        assertThat(scoreOf(customer)).as("a text that is not a number, or off the 1-5 scale, answers nothing").isNull();
        assertThat(records.instanceCompleted(instance)).isFalse();

        twilio.simulateInbound(phone, sms.from(), " 2 ");
        await().until(() -> records.instanceCompleted(instance));
        assertThat(records.elementCompleted(instance, "heard-the-answer")).isTrue();
        assertThat(scoreOf(customer)).isEqualTo(2);
        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT answer_channel FROM survey_invitation WHERE customer_id = ?",
                String.class, customer)).isEqualTo("SMS");

        // the survey is answered: another number is not taken as a second answer
        twilio.simulateInbound(phone, sms.from(), "5");
        assertThat(scoreOf(customer)).isEqualTo(2);
    }

    @Test
    void resultsMatchAnIndependentCountPerChannelAndWeek() {
        String survey = "results-it-" + UUID.randomUUID().toString().substring(0, 8);
        // NPS answers per channel: the expected figures below are counted by hand from these lists
        Map<Channel, List<Integer>> answers = Map.of(
                Channel.EMAIL, List.of(10, 9, 9, 8, 3, 0),        // 3 promoters, 1 passive, 2 detractors: NPS 16.67
                Channel.SMS, List.of(10, 7, 6));                  // 1 promoter, 1 passive, 1 detractor: NPS 0
        Map<Channel, Integer> unanswered = Map.of(Channel.EMAIL, 4, Channel.SMS, 1);
        Instant week10 = Instant.parse("2026-03-03T10:00:00Z");
        int n = 0;
        for (Channel channel : List.of(Channel.EMAIL, Channel.SMS)) {
            List<Integer> scores = new java.util.ArrayList<>(answers.get(channel));
            for (int i = 0; i < unanswered.get(channel); i++) {
                scores.add(null);
            }
            for (Integer score : scores) {
                String key = survey + "-" + n++;
                SurveyLinkIssuer.Invitation request = new SurveyLinkIssuer.Invitation(key, "results-customer", survey,
                        SurveyMetric.NPS, "order-shipped:2", "order-shipped", channel, "en");
                String id = invitations.issue(request).page().replaceAll(".*/t/s/([^.]+)\\..*", "$1");
                invitations.sent(key, week10);
                if (score != null) {
                    assertThat(invitations.answer(id, score, channel.name(), Instant.now())).isEqualTo(SurveyInvitations.Answer.RECORDED);
                }
            }
        }
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, TestUsers.authorization(Roles.MARKETING));
        ResponseEntity<Map> json = http.exchange("/api/surveys/results?survey=" + survey + "&groupBy=channel,week",
                HttpMethod.GET, new HttpEntity<>(headers), Map.class);
        assertThat(json.getStatusCode()).isEqualTo(HttpStatus.OK);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) json.getBody().get("results");
        assertThat(results).hasSize(2);
        Map<String, Object> email = results.stream().filter(r -> ((Map<?, ?>) r.get("group")).get("channel").equals("email")).findFirst().orElseThrow();
        assertThat(((Map<?, ?>) email.get("group")).get("week")).isEqualTo("2026-W10");
        assertThat(((Number) email.get("sent")).intValue()).isEqualTo(10);
        assertThat(((Number) email.get("responses")).intValue()).isEqualTo(6);
        assertThat(((Number) email.get("responseRate")).doubleValue()).isEqualTo(0.6);
        assertThat(((Number) email.get("score")).doubleValue()).isCloseTo(100.0 * (3 - 2) / 6, org.assertj.core.data.Offset.offset(1e-9));
        assertThat((Map<String, Object>) email.get("counts")).containsEntry("promoters", 3).containsEntry("passives", 1).containsEntry("detractors", 2);
        assertThat(((Number) email.get("ciLow")).doubleValue()).isLessThan(16.67);
        assertThat(((Number) email.get("ciHigh")).doubleValue()).isGreaterThan(16.66);

        ResponseEntity<String> csv = http.exchange("/api/surveys/results.csv?survey=" + survey + "&groupBy=channel",
                HttpMethod.GET, new HttpEntity<>(headers), String.class);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(csv.getBody().lines().toList()).containsExactly(
                "survey,channel,metric,sent,responses,response_rate,score,ci95_low,ci95_high,promoters,passives,detractors,satisfied",
                survey + ",email,nps,10,6,0.6000,16.6667," + csvNumber(email.get("ciLow")) + "," + csvNumber(email.get("ciHigh")) + ",3,1,2,",
                survey + ",sms,nps,4,3,0.7500,0.0000," + csvNumber(-100.0 * 1.959963984540054 * Math.sqrt(2.0 / 3 / 3)) + ","
                        + csvNumber(100.0 * 1.959963984540054 * Math.sqrt(2.0 / 3 / 3)) + ",1,1,1,");

        ResponseEntity<Map> bad = http.exchange("/api/surveys/results?groupBy=colour", HttpMethod.GET, new HttpEntity<>(headers), Map.class);
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody().get("error").toString()).contains("groupBy").contains("colour");
    }

    @Test
    void ofAnswersRacingForOneSurveyExactlyOneIsRecorded() throws Exception {
        String key = "race-" + UUID.randomUUID();
        String id = invitations.issue(new SurveyLinkIssuer.Invitation(key, "race-customer", "race-it", SurveyMetric.CSAT,
                "order-shipped:2", null, Channel.EMAIL, "en")).page().replaceAll(".*/t/s/([^.]+)\\..*", "$1");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(5);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<SurveyInvitations.Answer>> answers = new java.util.ArrayList<>();
        for (int score = 1; score <= 5; score++) {
            int s = score;
            answers.add(pool.submit(() -> {
                start.await();
                return invitations.answer(id, s, "EMAIL", Instant.now());
            }));
        }
        start.countDown();
        List<SurveyInvitations.Answer> outcomes = new java.util.ArrayList<>();
        for (var answer : answers) {
            outcomes.add(answer.get(30, java.util.concurrent.TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertThat(outcomes).containsOnlyOnce(SurveyInvitations.Answer.RECORDED);
        assertThat(outcomes.stream().filter(o -> o == SurveyInvitations.Answer.ALREADY_ANSWERED)).hasSize(4);
    }

    private static String csvNumber(Object value) {
        return String.format(Locale.ROOT, "%.4f", ((Number) value).doubleValue());
    }

    private ResponseEntity<String> comment(String base, String text) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("token", base.substring(base.lastIndexOf('/') + 1));
        form.add("comment", text);
        return http.postForEntity(base + "/comment", new HttpEntity<>(form, headers), String.class);
    }

    private Integer scoreOf(String customer) {
        return new JdbcTemplate(dataSource).query("SELECT score FROM survey_invitation WHERE customer_id = ?",
                rs -> rs.next() ? (Integer) rs.getObject(1) : null, customer);
    }

    private Object sentAt(String customer) {
        return new JdbcTemplate(dataSource).query("SELECT sent_at FROM survey_invitation WHERE customer_id = ?",
                rs -> rs.next() ? rs.getObject(1) : null, customer);
    }

    private long start(String process, String customer) {
        return client.newCreateInstanceCommand().bpmnProcessId(process).latestVersion()
                .variables(Map.of("customerId", customer)).send().join().getProcessInstanceKey();
    }

    private java.util.Optional<SandboxEmail> emailTo(String customer) {
        return mailbox.messages().stream().filter(m -> m.to().contains(customer + "@example.com")).findFirst()
                .flatMap(m -> mailbox.message(m.id()));
    }

    private java.util.Optional<SandboxSms> smsTo(String phone) {
        return twilio.messages().stream().filter(m -> phone.equals(m.to())).findFirst();
    }

    private String phoneOf(String customer) {
        return customers.findProfile(customer).orElseThrow().phone();
    }

    private String customer(Locale locale, Channel consented) {
        int n = CUSTOMERS.incrementAndGet();
        String id = "survey-it-" + n + "-" + UUID.randomUUID().toString().substring(0, 8);
        customers.upsert(new CustomerProfile(id, "Kim", "Tester", locale, TestClock.zoneWhereItIs(12, Instant.now()),
                id + "@example.com", String.format("+49152%07d", 2_000_000 + n), List.of(), "silver", "berlin-mitte",
                Map.of("attr", "kept"), ChannelPreferences.NONE, null));
        customers.recordConsent(new ConsentChange(id, consented, Purpose.MARKETING, ConsentStatus.GRANTED,
                ConsentSource.API, "integration test", Instant.now()));
        return id;
    }
}
