package dev.touchpoint.channel.push;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.http.LowLevelHttpResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Google's HTTP client abstraction on the JDK's {@link HttpClient}, so the OAuth token requests of Google's auth
 * library go through the same client, with the same timeouts, as the FCM sends. The library's own default
 * ({@code HttpURLConnection} with 20 s timeouts) would let a slow token endpoint hold a worker far longer than the
 * adapter's configured read timeout.
 */
final class JdkHttpTransport extends HttpTransport {

    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host",
            "upgrade");

    private final HttpClient client;
    private final Duration readTimeout;

    JdkHttpTransport(HttpClient client, Duration readTimeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
    }

    @Override
    public boolean supportsMethod(String method) {
        return Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD").contains(method);
    }

    @Override
    protected LowLevelHttpRequest buildRequest(String method, String url) {
        return new Request(method, URI.create(url));
    }

    private final class Request extends LowLevelHttpRequest {
        private final String method;
        private final URI uri;
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private Duration timeout = readTimeout;

        Request(String method, URI uri) {
            this.method = method;
            this.uri = uri;
        }

        @Override
        public void addHeader(String name, String value) {
            headers.add(Map.entry(name, value));
        }

        /** Google's defaults (20 s) never lengthen ours; a shorter wish of the caller is kept. */
        @Override
        public void setTimeout(int connectTimeoutMillis, int readTimeoutMillis) {
            if (readTimeoutMillis > 0 && readTimeoutMillis < readTimeout.toMillis()) {
                timeout = Duration.ofMillis(readTimeoutMillis);
            }
        }

        @Override
        public LowLevelHttpResponse execute() throws IOException {
            HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
            if (getStreamingContent() != null) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                getStreamingContent().writeTo(bytes);
                body = HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray());
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).method(method, body);
            for (Map.Entry<String, String> header : headers) {
                if (!RESTRICTED_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                    request.header(header.getKey(), header.getValue());
                }
            }
            if (getContentType() != null) {
                request.setHeader("Content-Type", getContentType());
            }
            if (getContentEncoding() != null) {
                request.setHeader("Content-Encoding", getContentEncoding());
            }
            try {
                return new Response(client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for " + uri.getHost());
            }
        }
    }

    private static final class Response extends LowLevelHttpResponse {
        private final HttpResponse<byte[]> response;
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();

        Response(HttpResponse<byte[]> response) {
            this.response = response;
            response.headers().map().forEach((name, values) -> {
                if (!name.startsWith(":")) {
                    values.forEach(value -> headers.add(Map.entry(name, value)));
                }
            });
        }

        @Override
        public InputStream getContent() {
            return new ByteArrayInputStream(response.body());
        }

        @Override
        public String getContentEncoding() {
            return response.headers().firstValue("Content-Encoding").orElse(null);
        }

        @Override
        public long getContentLength() {
            return response.body().length;
        }

        @Override
        public String getContentType() {
            return response.headers().firstValue("Content-Type").orElse(null);
        }

        @Override
        public String getStatusLine() {
            return "HTTP/1.1 " + response.statusCode();
        }

        @Override
        public int getStatusCode() {
            return response.statusCode();
        }

        @Override
        public String getReasonPhrase() {
            return null;
        }

        @Override
        public int getHeaderCount() {
            return headers.size();
        }

        @Override
        public String getHeaderName(int index) {
            return headers.get(index).getKey();
        }

        @Override
        public String getHeaderValue(int index) {
            return headers.get(index).getValue();
        }
    }
}
