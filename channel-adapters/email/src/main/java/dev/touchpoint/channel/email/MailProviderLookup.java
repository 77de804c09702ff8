package dev.touchpoint.channel.email;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Makes Jakarta Mail's provider lookup cheap while our code composes and sends a message.
 *
 * <p>Jakarta Mail 2.1 looks its {@code StreamProvider} up again on almost every MIME operation (each body part,
 * multipart, header encoding and {@code writeTo}: {@code StreamProvider.provider()} calls {@code FactoryFinder.find},
 * which runs a fresh {@link java.util.ServiceLoader} over the thread's context class loader), and a fresh service
 * lookup reads {@code META-INF/services/...} from every jar on the class path. In the end-to-end benchmark that was
 * 5.5 % of all CPU (jakartaee/mail-api#699, #861, open upstream). The global way around it, the system property
 * {@code jakarta.mail.util.StreamProvider}, is read by every Jakarta Mail user in the JVM and would break those whose
 * context class loader cannot see the provider (the fat jar's nested jars are invisible to the system class loader).
 *
 * <p>Instead, {@link #call} runs a piece of our mail code with a context class loader that answers that one service
 * lookup from memory (the provider list read once from the real class path, so whichever provider is there is used)
 * and delegates everything else to the class loader that loaded this class. Nothing changes outside the call.
 */
final class MailProviderLookup {

    static final String STREAM_PROVIDER_SERVICE = "META-INF/services/jakarta.mail.util.StreamProvider";

    private static final Loader LOADER = new Loader(MailProviderLookup.class.getClassLoader());

    private MailProviderLookup() {
    }

    /** Runs {@code work} with the cached provider lookup as the thread's context class loader. */
    static <T, E extends Exception> T call(ThrowingSupplier<T, E> work) throws E {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(LOADER);
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** A supplier that may throw the checked exception of Jakarta Mail. */
    @FunctionalInterface
    interface ThrowingSupplier<T, E extends Exception> {
        T get() throws E;
    }

    /** Whether the lookup found a provider on the class path (false: Jakarta Mail falls back to its own search). */
    static boolean cached() {
        return LOADER.serviceFile != null;
    }

    static ClassLoader loader() {
        return LOADER;
    }

    /** How many times the service file was served from memory (tests: Jakarta Mail still asks the context loader). */
    static long served() {
        return LOADER.served.sum();
    }

    /** Delegates to its parent, except for the stream provider's service file, which it serves from memory. */
    private static final class Loader extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final URL serviceFile;
        private final java.util.concurrent.atomic.LongAdder served = new java.util.concurrent.atomic.LongAdder();

        Loader(ClassLoader parent) {
            super("touchpoint-mail-providers", parent);
            this.serviceFile = inMemory(parent);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            if (serviceFile != null && STREAM_PROVIDER_SERVICE.equals(name)) {
                served.increment();
                return Collections.enumeration(List.of(serviceFile));
            }
            return super.getResources(name);
        }

        @Override
        public URL getResource(String name) {
            if (serviceFile != null && STREAM_PROVIDER_SERVICE.equals(name)) {
                return serviceFile;
            }
            return super.getResource(name);
        }

        /** The providers every service file on the class path names, concatenated, behind a URL that reads memory. */
        private static URL inMemory(ClassLoader parent) {
            try {
                StringBuilder providers = new StringBuilder();
                for (URL url : Collections.list(parent.getResources(STREAM_PROVIDER_SERVICE))) {
                    try (InputStream in = url.openStream()) {
                        providers.append(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).append('\n');
                    }
                }
                if (providers.toString().isBlank()) {
                    return null;
                }
                byte[] content = providers.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                URLStreamHandler handler = new URLStreamHandler() {
                    @Override
                    protected URLConnection openConnection(URL url) {
                        return new URLConnection(url) {
                            @Override
                            public void connect() {
                                connected = true;
                            }

                            @Override
                            public InputStream getInputStream() {
                                return new ByteArrayInputStream(content);
                            }
                        };
                    }
                };
                @SuppressWarnings("deprecation") // the URL(String, String, int, String, URLStreamHandler) form is the only one taking a handler
                URL url = new URL("touchpoint-memory", "", -1, "/" + STREAM_PROVIDER_SERVICE, handler);
                return url;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + STREAM_PROVIDER_SERVICE + " from the class path", e);
            }
        }
    }
}
