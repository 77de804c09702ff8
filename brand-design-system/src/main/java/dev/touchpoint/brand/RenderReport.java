package dev.touchpoint.brand;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@link BrandDesignSystem#check(RenderRequest)}: the rendered message when rendering got that far, and
 * every rule violation (errors and warnings). Used by previews and linters that want to see everything at once rather
 * than stop at the first error.
 *
 * @param request    what was rendered
 * @param message    the rendered message; empty when rendering itself failed (see {@link #failure()})
 * @param violations all errors and warnings
 * @param failure    the exception when the message could not be produced at all (missing variable, template error)
 */
public record RenderReport(RenderRequest request, Optional<RenderedMessage> message, List<RuleViolation> violations,
                           Optional<RenderException> failure) {

    public RenderReport {
        violations = List.copyOf(violations);
    }

    /** True when the message rendered and no rule was broken. */
    public boolean ok() {
        return message.isPresent() && failure.isEmpty() && violations.stream().noneMatch(RuleViolation::isError);
    }

    public List<RuleViolation> errors() {
        return violations.stream().filter(RuleViolation::isError).toList();
    }

    public List<RuleViolation> warnings() {
        return violations.stream().filter(v -> !v.isError()).toList();
    }
}
