package dev.touchpoint.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.util.StreamProvider;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class MailProviderLookupTest {

    @Test
    void jakartaMailFindsTheSameStreamProviderThroughTheCachedLookup() throws Exception {
        String expected = StreamProvider.provider().getClass().getName();

        long servedBefore = MailProviderLookup.served();
        String found = MailProviderLookup.call(() -> StreamProvider.provider().getClass().getName());

        assertThat(MailProviderLookup.cached()).isTrue();
        assertThat(MailProviderLookup.served()).as("Jakarta Mail asked the context class loader, which answered from memory")
                .isGreaterThan(servedBefore);
        assertThat(found).isEqualTo(expected).isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
    }

    @Test
    void theServiceFileIsServedFromMemoryWithTheClassPathsContent() throws Exception {
        ClassLoader parent = MailProviderLookup.class.getClassLoader();
        StringBuilder original = new StringBuilder();
        for (URL url : Collections.list(parent.getResources(MailProviderLookup.STREAM_PROVIDER_SERVICE))) {
            try (InputStream in = url.openStream()) {
                original.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            }
        }

        List<URL> served = Collections.list(MailProviderLookup.loader().getResources(MailProviderLookup.STREAM_PROVIDER_SERVICE));

        assertThat(served).hasSize(1);
        assertThat(served.getFirst().getProtocol()).isEqualTo("touchpoint-memory");
        try (InputStream in = served.getFirst().openStream()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(original.toString());
        }
        assertThat(ServiceLoader.load(StreamProvider.class, MailProviderLookup.loader()).findFirst())
                .get().extracting(p -> p.getClass().getName()).isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
    }

    @Test
    void everyOtherResourceAndClassComesFromTheParent() throws Exception {
        ClassLoader loader = MailProviderLookup.loader();

        assertThat(loader.getResource("META-INF/services/jakarta.mail.Provider"))
                .isEqualTo(MailProviderLookup.class.getClassLoader().getResource("META-INF/services/jakarta.mail.Provider"));
        assertThat(loader.loadClass(SmtpEmailAdapter.class.getName())).isSameAs(SmtpEmailAdapter.class);
    }

    @Test
    void theThreadsContextClassLoaderIsRestoredAfterwardsAlsoWhenTheWorkFails() {
        ClassLoader before = Thread.currentThread().getContextClassLoader();

        assertThatThrownBy(() -> MailProviderLookup.call(() -> {
            assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(MailProviderLookup.loader());
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
    }
}
