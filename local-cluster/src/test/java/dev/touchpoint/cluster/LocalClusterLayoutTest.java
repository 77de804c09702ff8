package dev.touchpoint.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layout of a local cluster, without starting anything. */
class LocalClusterLayoutTest {

    @TempDir Path dir;

    private LocalCluster.Options options(int instances) {
        return LocalCluster.Options.recipe(dir.resolve("cluster"), dir, dir.resolve("no-distribution"), List.of("-jar", "app.jar"),
                "127.0.0.1", 0).withInstances(instances);
    }

    @Test
    void portsAreChosenOnceAndKeptForTheNextStart() {
        LocalCluster first = new LocalCluster(options(2));
        LocalCluster second = new LocalCluster(options(2));

        assertThat(second.smtpPort()).isEqualTo(first.smtpPort());
        assertThat(second.postgres().port()).isEqualTo(first.postgres().port());
        assertThat(second.brokers()).extracting(LocalZeebeBroker::gatewayAddress)
                .containsExactlyElementsOf(first.brokers().stream().map(LocalZeebeBroker::gatewayAddress).toList());
        assertThat(second.touchpoints()).extracting(LocalTouchpoint::baseUrl)
                .containsExactlyElementsOf(first.touchpoints().stream().map(LocalTouchpoint::baseUrl).toList());
    }

    @Test
    void theRecipeIsThreeBrokersTwoInstancesAndEveryAddressIsLoopback() {
        LocalCluster cluster = new LocalCluster(options(2));

        assertThat(cluster.brokers()).hasSize(3);
        assertThat(cluster.touchpoints()).hasSize(2);
        assertThat(cluster.brokers()).allSatisfy(b -> assertThat(b.gatewayAddress()).startsWith("http://127.0.0.1:"));
        assertThat(cluster.touchpoints()).allSatisfy(t -> assertThat(t.baseUrl()).startsWith("http://127.0.0.1:"));
        assertThat(cluster.postgres().jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:");
        List<Integer> ports = Stream.concat(Stream.concat(
                        cluster.brokers().stream().flatMap(b -> Stream.of(b.gatewayPort(), b.managementPort())),
                        cluster.touchpoints().stream().flatMap(t -> Stream.of(t.httpPort(), t.hazelcastPort()))),
                Stream.of(cluster.postgres().port(), cluster.smtpPort())).toList();
        assertThat(ports).doesNotHaveDuplicates();
    }

    @Test
    void splitBrainProtectionNeedsAMajorityOfTheInstances() {
        assertThat(new LocalCluster(options(2)).splitBrainMinimum()).isEqualTo(2);
        assertThat(new LocalCluster(LocalCluster.Options.recipe(dir.resolve("three"), dir, dir, List.of(), "127.0.0.1", 0)
                .withInstances(3)).splitBrainMinimum()).isEqualTo(2);
        assertThat(new LocalCluster(LocalCluster.Options.recipe(dir.resolve("one"), dir, dir, List.of(), "127.0.0.1", 0)
                .withInstances(1)).splitBrainMinimum()).isEqualTo(1);
    }

    @Test
    void aReplicationFactorAboveTheBrokerCountIsRefused() {
        assertThatThrownBy(() -> new LocalCluster.Options(dir, dir, dir, List.of(), 2, 3, 3, 2, "127.0.0.1", 0, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
