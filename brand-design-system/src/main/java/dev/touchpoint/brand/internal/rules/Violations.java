package dev.touchpoint.brand.internal.rules;

import dev.touchpoint.channel.Channel;
import dev.touchpoint.brand.RuleViolation;
import dev.touchpoint.brand.RuleViolation.Severity;

import java.util.ArrayList;
import java.util.List;

/** Collects the rule violations of one render, stamped with template, locale and channel. */
public final class Violations {

    private final String templateId;
    private final String locale;
    private final Channel channel;
    private final List<RuleViolation> violations = new ArrayList<>();

    public Violations(String templateId, String locale, Channel channel) {
        this.templateId = templateId;
        this.locale = locale;
        this.channel = channel;
    }

    public void error(String rule, String field, String message) {
        violations.add(new RuleViolation(Severity.ERROR, rule, templateId, locale, channel, field, message));
    }

    public void warning(String rule, String field, String message) {
        violations.add(new RuleViolation(Severity.WARNING, rule, templateId, locale, channel, field, message));
    }

    public List<RuleViolation> all() {
        return List.copyOf(violations);
    }

    public List<RuleViolation> warnings() {
        return violations.stream().filter(v -> !v.isError()).toList();
    }

    public boolean hasErrors() {
        return violations.stream().anyMatch(RuleViolation::isError);
    }
}
