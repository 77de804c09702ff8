package dev.touchpoint.delivery.internal;

import dev.touchpoint.context.ContextUnavailableException;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.CustomerProfile;
import dev.touchpoint.tasks.TaskNames.Headers;
import dev.touchpoint.tasks.TaskNames.Inputs;
import dev.touchpoint.tasks.TaskNames.Outputs;
import dev.touchpoint.tasks.TaskNames.Types;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code touchpoint.customer.facts}: copies what a journey may decide on from the customer context into the process,
 * so a business rule task (a DMN decision) or a gateway can use it: the loyalty tier, the home store, and the custom
 * attributes the task names. Never contact data (addresses, phone numbers, names): only what a decision needs, and only
 * what the designer asked for.
 *
 * <p>Headers: {@code attributes} (comma-separated attribute names, e.g. {@code favouriteCategory}; none by default),
 * {@code resultVariable} (default {@code customer}). Result: {@code {known, loyaltyTier, homeStore, attributes: {...}}};
 * a customer the context does not know gives {@code known: false} and nulls, so the decision's default rule applies.
 */
public class CustomerFactsWorker {

    public static final String TYPE = Types.CUSTOMER_FACTS;
    public static final String ATTRIBUTES = Headers.ATTRIBUTES;
    public static final String DEFAULT_RESULT_VARIABLE = Outputs.CUSTOMER_FACTS_RESULT_VARIABLE;
    public static final Set<String> HEADERS = Set.of(ATTRIBUTES, Headers.RESULT_VARIABLE);
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private final CustomerContextStore context;

    public CustomerFactsWorker(CustomerContextStore context) {
        this.context = context;
    }

    @JobWorker(type = TYPE, fetchVariables = Inputs.CUSTOMER_ID)
    public Map<String, Object> lookUp(ActivatedJob job, @Variable(name = Inputs.CUSTOMER_ID) String customerId) {
        String resultVariable = job.getCustomHeaders().getOrDefault(Headers.RESULT_VARIABLE, "").strip();
        resultVariable = resultVariable.isEmpty() ? DEFAULT_RESULT_VARIABLE : resultVariable;
        Set<String> attributes = new LinkedHashSet<>();
        for (String name : job.getCustomHeaders().getOrDefault(ATTRIBUTES, "").split(",")) {
            if (!name.isBlank()) {
                attributes.add(name.strip());
            }
        }
        if (customerId == null || customerId.isBlank() || !NAME.matcher(resultVariable).matches()
                || attributes.stream().anyMatch(a -> !NAME.matcher(a).matches())) {
            throw CamundaError.jobError("element '" + job.getElementId() + "': needs a customerId variable, a result variable"
                    + " name and attribute names (letters, digits, _) in header 'attributes'", null, 0, Duration.ZERO);
        }
        Optional<CustomerProfile> profile;
        try {
            profile = context.findProfile(customerId);
        } catch (ContextUnavailableException e) {
            throw CamundaError.jobError("customer " + customerId + ": customer context unavailable (" + e.getMessage()
                    + "); retrying", null, job.getRetries() - 1, Duration.ofSeconds(10), e);
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("known", profile.isPresent());
        facts.put("loyaltyTier", profile.map(CustomerProfile::loyaltyTier).orElse(null));
        facts.put("homeStore", profile.map(CustomerProfile::homeStore).orElse(null));
        Map<String, Object> values = new LinkedHashMap<>();
        for (String attribute : attributes) {
            values.put(attribute, profile.map(p -> p.attributes().get(attribute)).orElse(null));
        }
        facts.put("attributes", values);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put(resultVariable, facts);
        return result;
    }
}
