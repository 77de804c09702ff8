package dev.touchpoint.delivery.internal;




import dev.touchpoint.RepositoryPaths;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchpoint.channel.Channel;
import dev.touchpoint.ingress.TrackingLinks;
import dev.touchpoint.security.GeneratedSecrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.FileSystemResource;

/**
 * The secrets that sign links customers keep (unsubscribe, tracking): configured once for every instance, a link
 * made by one instance verifies on another; generated per instance, it does not, which is why the cluster profile
 * refuses to start without them.
 */
class ClusterSecretsTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-15T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void aConfiguredSecretMakesUnsubscribeLinksOfOneInstanceVerifyOnAnother(@TempDir Path dir) {
        DeliveryProperties shared = new DeliveryProperties("shared-signing-secret-0123456789", null, Duration.ofDays(7), Duration.ofMinutes(3));
        RecipientResolver a = new RecipientResolver(null, DeliveryConfiguration.signingSecret(shared, dir.resolve("a/signing-secret"), false));
        RecipientResolver b = new RecipientResolver(null, DeliveryConfiguration.signingSecret(shared, dir.resolve("b/signing-secret"), false));

        String token = a.unsubscribeToken("cust-1", Channel.EMAIL);

        assertThat(b.verifyUnsubscribeToken(token)).get().satisfies(u -> {
            assertThat(u.customerId()).isEqualTo("cust-1");
            assertThat(u.channel()).isEqualTo(Channel.EMAIL);
        });
    }

    @Test
    void secretsGeneratedPerInstanceDoNotVerifyOnAnotherAndAreRefusedWhereGenerationIsOff(@TempDir Path dir) {
        DeliveryProperties none = new DeliveryProperties(null, null, Duration.ofDays(7), Duration.ofMinutes(3));
        RecipientResolver a = new RecipientResolver(null, DeliveryConfiguration.signingSecret(none, dir.resolve("a/signing-secret"), true));
        RecipientResolver b = new RecipientResolver(null, DeliveryConfiguration.signingSecret(none, dir.resolve("b/signing-secret"), true));
        assertThat(b.verifyUnsubscribeToken(a.unsubscribeToken("cust-1", Channel.EMAIL))).as("why a cluster must share it").isEmpty();

        assertThatThrownBy(() -> DeliveryConfiguration.signingSecret(none, dir.resolve("c/signing-secret"), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("touchpoint.delivery.signing-secret")
                .hasMessageContaining("TOUCHPOINT_SIGNING_SECRET");
        assertThat(dir.resolve("c/signing-secret")).as("nothing generated").doesNotExist();
    }

    @Test
    void trackingLinksOfOneInstanceVerifyOnAnotherWithTheSharedSecret() {
        TrackingLinks a = new TrackingLinks(TrackingLinks.secrets("shared-tracking-secret-0123456789", List.of()), Duration.ofDays(90), CLOCK);
        TrackingLinks b = new TrackingLinks(TrackingLinks.secrets("shared-tracking-secret-0123456789", List.of()), Duration.ofDays(90), CLOCK);
        String path = a.clickPath("cust-1", "tp-1", "https://shop.example/cart");
        String token = path.substring(path.lastIndexOf('/') + 1);
        assertThat(b.verify(token, TrackingLinks.Kind.CLICK)).isPresent();
    }

    @Test
    void aSecretFileIsUsedWhereGenerationIsOff(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("signing-secret");
        byte[] secret = "provided-by-the-operator-0123456789".getBytes(StandardCharsets.UTF_8);
        java.nio.file.Files.writeString(file, Base64.getEncoder().encodeToString(secret));
        assertThat(GeneratedSecrets.fromFile(file, false, "x", "p", "E")).isEqualTo(secret);
    }

    @Test
    void theClusterProfileGeneratesNoSecret() {
        Properties cluster = yaml("application-cluster.yaml");
        assertThat(cluster.getProperty(GeneratedSecrets.GENERATE_MISSING)).isEqualTo("false");
        assertThat(cluster.getProperty("touchpoint.ledger.encryption.generate-missing")).isEqualTo("false");
        assertThat(cluster.getProperty("touchpoint.context.suppression.generate-missing")).isEqualTo("false");
        assertThat(cluster.getProperty("touchpoint.delivery.signing-secret")).isEqualTo("${TOUCHPOINT_SIGNING_SECRET:}");
        assertThat(cluster.getProperty("touchpoint.ingress.tracking.secret")).isEqualTo("${TOUCHPOINT_TRACKING_SECRET:}");
        assertThat(cluster.getProperty("touchpoint.surveys.secret")).isEqualTo("${TOUCHPOINT_SURVEY_SECRET:}");
        assertThat(yaml("application.yaml").getProperty(GeneratedSecrets.GENERATE_MISSING)).isEqualTo("true");
    }

    private static Properties yaml(String name) {
        YamlPropertiesFactoryBean factory = new YamlPropertiesFactoryBean();
        factory.setResources(new FileSystemResource(Path.of(RepositoryPaths.home()).resolve("config").resolve(name)));
        return factory.getObject();
    }
}
