package dev.touchpoint.brand;

import java.util.Locale;
import java.util.Objects;

/**
 * What the survey page shows (rendered by {@link BrandDesignSystem#renderSurveyPage}).
 *
 * @param templateId    the survey template, for its question; null when the link is not valid (the page is generic)
 * @param locale        the customer's locale (falls back like every render)
 * @param state         what to say
 * @param links         the answer links ({@link State#QUESTION} only)
 * @param score         the score recorded ({@link State#THANKS}), else null
 * @param commentAction where the comment form posts ({@link State#THANKS} only; null: no form)
 * @param commentToken  the signed token the comment form carries (with {@code commentAction})
 */
public record SurveyPage(String templateId, Locale locale, State state, SurveyLinks links, Integer score,
                         String commentAction, String commentToken) {

    /** The page's states. */
    public enum State {
        /** The question with the whole scale, each score an answer link (the push deep link lands here). */
        QUESTION,
        /** The answer was recorded; an optional comment form follows. */
        THANKS,
        /** The comment was recorded. */
        COMMENT_SAVED,
        /** This survey was answered before (a second click, another score): nothing recorded. */
        ALREADY_ANSWERED,
        /** The survey closed (its links expired, or it was withdrawn). */
        CLOSED,
        /** The link is not a valid link of ours. */
        INVALID
    }

    public SurveyPage {
        Objects.requireNonNull(state, "state");
        locale = locale == null ? Locale.ROOT : locale;
        if (state == State.QUESTION && (links == null || templateId == null)) {
            throw new IllegalArgumentException("the question page needs its template and answer links");
        }
        if (commentAction != null && commentToken == null) {
            throw new IllegalArgumentException("a comment form needs its token");
        }
    }
}
