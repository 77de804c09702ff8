package dev.touchpoint.brand.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoint.brand.Category;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.brand.SurveyMetric;
import dev.touchpoint.brand.TemplateDefinitionException;
import dev.touchpoint.brand.TemplateDescriptor;
import dev.touchpoint.brand.VariableSpec;
import dev.touchpoint.brand.VariableType;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * A template descriptor ({@code templates/<id>/template.json}) as written, bound after it passed
 * {@code schema/brand/template-descriptor.schema.json}. {@link #toDescriptor} makes the checks a schema cannot express
 * (the id is the folder name, names of categories, channels, types and metrics in any case, defaults that fit their
 * type, a survey is marketing) and builds the public {@link TemplateDescriptor}.
 *
 * @param variables the declared variables keyed by name, in declaration order, or null
 * @param sms       SMS settings, or null
 * @param survey    what a survey measures, or null for every other template
 */
record TemplateFile(String id, String version, String category, String description, List<String> channels,
                    Map<String, Variable> variables, Sms sms, Survey survey) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The descriptor of the template in folder {@code folderId}.
     *
     * @param file                 the descriptor's path, for error messages
     * @param locales              the brand's locales (every template has messages for each)
     * @param defaultSegmentBudget the brand's SMS budget for a template that does not declare one
     */
    TemplateDescriptor toDescriptor(String folderId, String file, List<String> locales, int defaultSegmentBudget) {
        if (!folderId.equals(id)) {
            throw new TemplateDefinitionException(file, "id must be '" + folderId + "' (the folder name)");
        }
        Category parsedCategory;
        Set<Channel> parsedChannels = new LinkedHashSet<>();
        try {
            parsedCategory = Category.fromId(category);
            for (String channel : channels) {
                parsedChannels.add(Channel.parse(channel));
            }
        } catch (IllegalArgumentException e) {
            throw new TemplateDefinitionException(file, e.getMessage());
        }
        List<VariableSpec> specs = new ArrayList<>();
        if (variables != null) {
            variables.forEach((name, variable) -> specs.add(variable.toSpec(file, name, true)));
        }
        int budget = sms == null || sms.segmentBudget() == null ? defaultSegmentBudget : sms.segmentBudget();
        Optional<SurveyMetric> metric = Optional.empty();
        if (survey != null) {
            try {
                metric = Optional.of(SurveyMetric.fromId(survey.metric()));
            } catch (IllegalArgumentException e) {
                throw new TemplateDefinitionException(file, "survey." + e.getMessage());
            }
            if (parsedCategory != Category.MARKETING) {
                // ADR-0027: asking for an opinion is marketing-like (consent, budgets, quiet hours, opt-out wording)
                throw new TemplateDefinitionException(file, "a survey must be in category marketing: it is sent only"
                        + " with marketing consent and counts against the contact budget (ADR-0027)");
            }
        }
        return new TemplateDescriptor(id, version, parsedCategory, description, parsedChannels, specs,
                new LinkedHashSet<>(locales), parsedChannels.contains(Channel.SMS) ? budget : 0, metric);
    }

    /**
     * One declared variable as written.
     *
     * @param type         the type name, in any case
     * @param required     whether a render fails without it; null means false
     * @param defaultValue the literal default ({@code "default"}), or null (or a JSON null)
     * @param items        for lists: the fields of each item keyed by name, or null
     */
    record Variable(String type, Boolean required, @JsonProperty("default") JsonNode defaultValue,
                    String defaultMessage, String description, Integer maxLength, String pattern,
                    Map<String, Variable> items) {

        VariableSpec toSpec(String file, String name, boolean topLevel) {
            VariableType parsedType;
            try {
                parsedType = VariableType.fromId(type);
            } catch (IllegalArgumentException e) {
                throw new TemplateDefinitionException(file, "variable " + name + ": " + e.getMessage());
            }
            boolean isRequired = Boolean.TRUE.equals(required);
            if (pattern != null) {
                if (parsedType != VariableType.STRING) {
                    throw new TemplateDefinitionException(file, "variable " + name + ": pattern is for strings");
                }
                try {
                    java.util.regex.Pattern.compile(pattern);
                } catch (PatternSyntaxException e) {
                    throw new TemplateDefinitionException(file, "variable " + name + ": invalid pattern: "
                            + e.getDescription());
                }
            }
            List<VariableSpec> itemSpecs = new ArrayList<>();
            if (parsedType == VariableType.LIST) {
                if (!topLevel) {
                    throw new TemplateDefinitionException(file, "lists cannot be nested (" + name + ")");
                }
                if (items == null || items.isEmpty()) {
                    throw new TemplateDefinitionException(file, "list variable " + name + " must declare its items");
                }
                items.forEach((itemName, item) -> itemSpecs.add(item.toSpec(file, itemName, false)));
            }
            if (defaultMessage != null && parsedType != VariableType.STRING) {
                throw new TemplateDefinitionException(file, "variable " + name + ": defaultMessage is for strings");
            }
            Object literalDefault = null;
            if (defaultValue != null && !defaultValue.isNull()) {
                VariableSpec probe = new VariableSpec(name, parsedType, isRequired, null, null, "", maxLength, pattern,
                        itemSpecs);
                Object raw = JSON.convertValue(defaultValue, Object.class);
                try {
                    literalDefault = VariableBinder.bindOne(probe, raw, name, ZoneOffset.UTC);
                } catch (VariableBinder.BindingException e) {
                    throw new TemplateDefinitionException(file, "default of " + name + ": " + e.getMessage());
                }
            }
            return new VariableSpec(name, parsedType, isRequired, literalDefault, defaultMessage, description,
                    maxLength, pattern, itemSpecs);
        }
    }

    /** @param segmentBudget the most segments a rendered SMS may use, or null for the brand's default */
    record Sms(Integer segmentBudget) {
    }

    /** @param metric the survey metric's id: nps, csat or ces, in any case */
    record Survey(String metric) {
    }
}
