package dev.touchpoint.delivery;

import dev.touchpoint.delivery.internal.CustomerFactsWorker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.touchpoint.context.ChannelPreferences;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.CustomerProfile;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.JobError;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the customer facts task copies into a journey: the decision inputs asked for, never contact data. */
class CustomerFactsWorkerTest {

    private final CustomerContextStore context = mock(CustomerContextStore.class);
    private final CustomerFactsWorker worker = new CustomerFactsWorker(context);

    @Test
    void copiesTierHomeStoreAndOnlyTheNamedAttributes() {
        when(context.findProfile("c-1")).thenReturn(Optional.of(new CustomerProfile("c-1", "Ana", "Silva",
                Locale.forLanguageTag("pt-BR"), ZoneId.of("America/Sao_Paulo"), "ana@example.com", "+5511987654311",
                List.of("device-1"), "SILVER", "SP-01", Map.of("favouriteCategory", "outdoor", "memberSince", "2016"),
                ChannelPreferences.NONE, null)));

        Map<String, Object> result = worker.lookUp(job(Map.of("attributes", "favouriteCategory, shoeSize", "resultVariable", "shopper")), "c-1");

        assertThat(result).containsOnlyKeys("shopper");
        @SuppressWarnings("unchecked")
        Map<String, Object> facts = (Map<String, Object>) result.get("shopper");
        assertThat(facts).containsEntry("known", true).containsEntry("loyaltyTier", "SILVER").containsEntry("homeStore", "SP-01");
        Map<String, Object> attributes = new java.util.LinkedHashMap<>();
        attributes.put("favouriteCategory", "outdoor");
        attributes.put("shoeSize", null); // asked for, not set: null, so a decision's rule for "-" applies
        assertThat(facts.get("attributes")).isEqualTo(attributes);
        assertThat(facts.toString()).doesNotContain("ana@example.com", "+5511987654311", "Ana", "device-1", "2016");
    }

    @Test
    void anUnknownCustomerIsNotAnErrorButFactsWithoutValues() {
        when(context.findProfile("nobody")).thenReturn(Optional.empty());

        @SuppressWarnings("unchecked")
        Map<String, Object> facts = (Map<String, Object>) worker.lookUp(job(Map.of()), "nobody").get("customer");

        assertThat(facts).containsEntry("known", false).containsEntry("loyaltyTier", null).containsEntry("homeStore", null)
                .containsEntry("attributes", Map.of());
    }

    @Test
    void aBadHeaderFailsTheJobWithoutRetries() {
        assertThatThrownBy(() -> worker.lookUp(job(Map.of("attributes", "favourite category")), "c-1"))
                .isInstanceOfSatisfying(JobError.class, e -> {
                    assertThat(e.getRetries()).isZero();
                    assertThat(e.getErrorMessage()).contains("element 'look-up-customer'", "attribute names");
                });
    }

    private static ActivatedJob job(Map<String, String> headers) {
        ActivatedJob job = mock(ActivatedJob.class);
        when(job.getCustomHeaders()).thenReturn(headers);
        when(job.getElementId()).thenReturn("look-up-customer");
        when(job.getRetries()).thenReturn(3);
        return job;
    }
}
