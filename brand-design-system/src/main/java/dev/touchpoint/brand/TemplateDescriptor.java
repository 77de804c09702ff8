package dev.touchpoint.brand;

import dev.touchpoint.channel.Channel;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a touchpoint template declares ({@code templates/<id>/template.json}): enough for workers and the journey
 * linter to check that a template exists, which channels it supports and which variables it needs.
 *
 * @param id                the template id (its folder name), e.g. {@code order-shipped}
 * @param version           the template version; part of every fingerprint
 * @param category          marketing or transactional
 * @param description       what the touchpoint is for
 * @param channels          the channels it has templates for
 * @param variables         the variables it reads, in declaration order
 * @param locales           the BCP 47 tags of the locales it has messages for
 * @param smsSegmentBudget  the most SMS segments a rendered SMS may use (0 when SMS is not supported)
 * @param survey            what the template measures when it is a survey ({@code "survey": {"metric": "nps"}} in
 *                          {@code template.json}); empty for every other template
 */
public record TemplateDescriptor(String id, String version, Category category, String description,
                                 Set<Channel> channels, List<VariableSpec> variables, Set<String> locales,
                                 int smsSegmentBudget, Optional<SurveyMetric> survey) {

    /** A template that is not a survey. */
    public TemplateDescriptor(String id, String version, Category category, String description, Set<Channel> channels,
                              List<VariableSpec> variables, Set<String> locales, int smsSegmentBudget) {
        this(id, version, category, description, channels, variables, locales, smsSegmentBudget, Optional.empty());
    }

    public TemplateDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(category, "category");
        description = description == null ? "" : description;
        channels = channels.isEmpty() ? Set.of()
                : java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(channels));
        variables = List.copyOf(variables);
        locales = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(locales));
        survey = survey == null ? Optional.empty() : survey;
    }

    public boolean supports(Channel channel) {
        return channels.contains(channel);
    }

    public Optional<VariableSpec> variable(String name) {
        return variables.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** The variables a caller must supply: required and without a default. */
    public List<VariableSpec> requiredVariables() {
        return variables.stream().filter(v -> v.required() && !v.hasDefault()).toList();
    }
}
