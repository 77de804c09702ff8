package dev.touchpoint.delivery;

import dev.touchpoint.delivery.internal.ExperimentSplitWorker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExperimentSplitWorkerTest {

    @Test
    void theSameCustomerAlwaysGetsTheSameVariant() {
        for (int i = 0; i < 100; i++) {
            String customer = "c-" + i;
            assertThat(ExperimentSplitWorker.variant("winback-subject", customer, 50))
                    .isEqualTo(ExperimentSplitWorker.variant("winback-subject", customer, 50));
        }
    }

    @Test
    void theSplitFollowsThePercentageOverManyCustomers() {
        long a = IntStream.range(0, 10_000)
                .filter(i -> ExperimentSplitWorker.variant("winback-subject", "customer-" + i, 30).equals("A"))
                .count();
        // binomial(10000, 0.3): mean 3000, standard deviation ~46; 5 sigma either side
        assertThat(a).isBetween(2770L, 3230L);
    }

    @Test
    void extremesAreExact() {
        assertThat(IntStream.range(0, 500).mapToObj(i -> ExperimentSplitWorker.variant("x", "c" + i, 0))).containsOnly("B");
        assertThat(IntStream.range(0, 500).mapToObj(i -> ExperimentSplitWorker.variant("x", "c" + i, 100))).containsOnly("A");
    }

    @Test
    void experimentsAreIndependent() {
        long sameVariant = IntStream.range(0, 2_000)
                .filter(i -> ExperimentSplitWorker.variant("one", "c" + i, 50).equals(ExperimentSplitWorker.variant("two", "c" + i, 50)))
                .count();
        assertThat(sameVariant).isBetween(850L, 1150L);
    }
}
