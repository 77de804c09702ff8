package dev.touchpoint.survey;

import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.ingress.EventIngress;
import dev.touchpoint.security.GeneratedSecrets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Survey touchpoints (ADR-0026): links, answers, SMS replies, results. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SurveyProperties.class)
public class SurveyConfiguration {

    @Bean
    SurveyInvitations surveyInvitations(DataSource dataSource, SurveyProperties properties, ObjectProvider<Clock> clock,
                                        @Value("${touchpoint.ingress.tracking.public-base-url:http://localhost:8080}") String trackingBase,
                                        @Value("${touchpoint.security.credentials-file:}") String credentialsFile,
                                        @Value("${touchpoint.home:.}") String home,
                                        @Value("${" + GeneratedSecrets.GENERATE_MISSING + ":true}") boolean generateMissing) {
        List<byte[]> secrets = new ArrayList<>();
        if (properties.secret() == null || properties.secret().isBlank()) {
            Path file = credentialsFile.isBlank() ? Path.of(home, ".touchpoint", "survey-secret")
                    : Path.of(credentialsFile).toAbsolutePath().resolveSibling("survey-secret");
            secrets.add(GeneratedSecrets.fromFile(file, generateMissing, "The survey answer links",
                    "touchpoint.surveys.secret", "TOUCHPOINT_SURVEY_SECRET"));
        } else {
            secrets.add(properties.secret().getBytes(StandardCharsets.UTF_8));
        }
        properties.previousSecrets().forEach(s -> secrets.add(s.getBytes(StandardCharsets.UTF_8)));
        String base = properties.publicBaseUrl() == null || properties.publicBaseUrl().isBlank() ? trackingBase
                : properties.publicBaseUrl();
        return new SurveyInvitations(dataSource, secrets, base, properties.linkLifetime(), clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    SurveyAnswers surveyAnswers(SurveyInvitations invitations, ApplicationEventPublisher events, EventIngress ingress,
                                CustomerContextStore customers, ObjectProvider<dev.touchpoint.servicedesk.ServiceDesk> desk,
                                ObjectProvider<Clock> clock) {
        return new SurveyAnswers(invitations, events, ingress, customers, desk::getIfAvailable,
                clock.getIfUnique(Clock::systemUTC));
    }

    @Bean(destroyMethod = "close")
    SurveyHandoverSweeper surveyHandoverSweeper(SurveyInvitations invitations, SurveyAnswers answers,
                                                SurveyProperties properties, ObjectProvider<Clock> clock,
                                                ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters) {
        SurveyProperties.Handover handover = properties.handover();
        return new SurveyHandoverSweeper(invitations, answers, clock.getIfUnique(Clock::systemUTC), handover.interval(),
                handover.grace(), handover.batch(), meters.getIfAvailable());
    }

    @Bean
    SurveyResults surveyResults(DataSource dataSource) {
        return new SurveyResults(dataSource);
    }

    @Bean
    SurveyListeners surveyListeners(SurveyInvitations invitations, SurveyAnswers answers, CustomerContextStore customers,
                                    SurveyProperties properties, ObjectProvider<Clock> clock) {
        return new SurveyListeners(invitations, answers, customers, properties.smsReplyWindow(),
                clock.getIfUnique(Clock::systemUTC));
    }
}
