package dev.touchpoint.survey;

import dev.touchpoint.brand.BrandDesignSystem;
import dev.touchpoint.brand.RenderedPage;
import dev.touchpoint.brand.SurveyPage;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public survey page (under {@code /t/s/**}: no login, protected by the signed token and rate limited as group
 * SURVEY). {@code GET /t/s/<token>} shows the question with the whole scale (the push deep link);
 * {@code GET /t/s/<token>/<score>} records that score at once (the email's answer links) and thanks, with an optional
 * comment form that posts to {@code /t/s/<token>/comment}. A forged token, or a score off the scale, gets 404 and
 * records nothing; a second answer gets "already answered" (200, nothing recorded); an expired survey 410. Pages are
 * rendered by the brand design system in the customer's locale; no scripts, no caching, no referrer.
 */
@RestController
class SurveyPageEndpoint {

    /** 1000 characters: url-encoded CJK (9 bytes each) stays within the 16 KB body limit of public pages. */
    static final int MAX_COMMENT = 1000;

    private final SurveyInvitations invitations;
    private final SurveyAnswers answers;
    private final BrandDesignSystem brand;
    private final Clock clock;

    SurveyPageEndpoint(SurveyInvitations invitations, SurveyAnswers answers, BrandDesignSystem brand, ObjectProvider<Clock> clock) {
        this.invitations = invitations;
        this.answers = answers;
        this.brand = brand;
        this.clock = clock.getIfUnique(Clock::systemUTC);
    }

    @GetMapping(path = SurveyInvitations.PREFIX + "{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> question(@PathVariable String token) {
        Optional<SurveyInvitations.Invitation> found = invitations.verify(token).flatMap(invitations::find);
        if (found.isEmpty()) {
            return invalid();
        }
        SurveyInvitations.Invitation invitation = found.get();
        if (invitation.answered()) {
            return page(HttpStatus.OK, state(invitation, SurveyPage.State.ALREADY_ANSWERED));
        }
        if (invitation.expired(clock.instant())) {
            return page(HttpStatus.GONE, state(invitation, SurveyPage.State.CLOSED));
        }
        return page(HttpStatus.OK, new SurveyPage(invitation.survey(), locale(invitation), SurveyPage.State.QUESTION,
                invitations.links(invitation.id(), invitation.metric()), null, null, null));
    }

    @GetMapping(path = SurveyInvitations.PREFIX + "{token}/{score}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> answer(@PathVariable String token, @PathVariable String score) {
        Optional<String> id = invitations.verify(token);
        if (id.isEmpty() || !score.matches("\\d{1,2}")) {
            return invalid();
        }
        // the page is how the answer came back: the email's links, or the page the push opened
        SurveyAnswers.Result result = answers.answer(id.get(), Integer.parseInt(score), null);
        SurveyInvitations.Invitation invitation = result.invitation();
        return switch (result.answer()) {
            case RECORDED -> page(HttpStatus.OK, new SurveyPage(invitation.survey(), locale(invitation),
                    SurveyPage.State.THANKS, null, Integer.parseInt(score),
                    SurveyInvitations.PREFIX + token + "/comment", token));
            case ALREADY_ANSWERED -> page(HttpStatus.OK, state(invitation, SurveyPage.State.ALREADY_ANSWERED));
            case CLOSED -> page(HttpStatus.GONE, state(invitation, SurveyPage.State.CLOSED));
            case NOT_FOUND -> invalid();
        };
    }

    @PostMapping(path = SurveyInvitations.PREFIX + "{token}/comment", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> comment(@PathVariable String token, @RequestParam(name = "comment", required = false) String comment) {
        Optional<SurveyInvitations.Invitation> found = invitations.verify(token).flatMap(invitations::find);
        if (found.isEmpty()) {
            return invalid();
        }
        SurveyInvitations.Invitation invitation = found.get();
        String text = comment == null ? "" : comment.strip();
        if (text.length() > MAX_COMMENT) {
            text = text.substring(0, MAX_COMMENT);
        }
        if (!text.isEmpty() && !invitations.comment(invitation.id(), text, clock.instant())) {
            return page(HttpStatus.OK, state(invitation, invitation.expired(clock.instant()) ? SurveyPage.State.CLOSED
                    : SurveyPage.State.ALREADY_ANSWERED));
        }
        return page(HttpStatus.OK, state(invitation, SurveyPage.State.COMMENT_SAVED));
    }

    private SurveyPage state(SurveyInvitations.Invitation invitation, SurveyPage.State state) {
        return new SurveyPage(invitation.survey(), locale(invitation), state, null, null, null, null);
    }

    private static Locale locale(SurveyInvitations.Invitation invitation) {
        return Locale.forLanguageTag(invitation.locale());
    }

    private ResponseEntity<String> invalid() {
        return page(HttpStatus.NOT_FOUND, new SurveyPage(null, Locale.forLanguageTag(brand.defaultLocale()),
                SurveyPage.State.INVALID, null, null, null, null));
    }

    private ResponseEntity<String> page(HttpStatus status, SurveyPage page) {
        RenderedPage rendered = brand.renderSurveyPage(page);
        return ResponseEntity.status(status).contentType(MediaType.parseMediaType("text/html;charset=UTF-8"))
                .cacheControl(CacheControl.noStore())
                .header("Referrer-Policy", "no-referrer")
                .header("X-Robots-Tag", "noindex")
                .header("Content-Security-Policy", "default-src 'none'; img-src https: data:; style-src 'unsafe-inline';"
                        + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
                .body(rendered.html());
    }
}
