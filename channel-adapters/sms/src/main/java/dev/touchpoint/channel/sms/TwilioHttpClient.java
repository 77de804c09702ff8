package dev.touchpoint.channel.sms;

import com.twilio.http.HttpMethod;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import dev.touchpoint.channel.HttpFailures;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * The Twilio SDK's HTTP client with three changes:
 * <ul>
 *   <li>an optional API base URL: every request for {@code https://api.twilio.com/...} goes to the same path under
 *       that base instead (tests and the sandbox point the real SDK at WireMock on loopback);</li>
 *   <li>exactly one attempt per request: the SDK would silently repeat a 5xx three times, which can send a message
 *       twice (a 5xx after Twilio queued it); retries belong to the worker, with backoff and the idempotency key;</li>
 *   <li>the last response seen on the calling thread is kept, so the adapter can read {@code Retry-After}, which the
 *       SDK's {@code ApiException} does not carry. Calls are synchronous, so the thread is the right scope.</li>
 * </ul>
 */
public class TwilioHttpClient extends NetworkHttpClient {

    private static final ThreadLocal<Response> LAST_RESPONSE = new ThreadLocal<>();

    private final URI apiBaseUrl;

    /**
     * @param apiBaseUrl     where to send API requests instead of Twilio, {@code null} for Twilio itself
     * @param connectTimeout TCP connect timeout
     * @param readTimeout    how long to wait for the response
     */
    public TwilioHttpClient(URI apiBaseUrl, Duration connectTimeout, Duration readTimeout) {
        super(builder(connectTimeout, readTimeout));
        this.apiBaseUrl = apiBaseUrl == null ? null : withoutTrailingSlash(apiBaseUrl);
    }

    /**
     * Apache HttpClient with our timeouts and without automatic retries: its default strategy repeats a POST that
     * got 429 or 503 after the Retry-After, which for a message create can mean a second message.
     */
    private static HttpClientBuilder builder(Duration connectTimeout, Duration readTimeout) {
        ConnectionConfig connection = ConnectionConfig.custom().setConnectTimeout(Timeout.of(connectTimeout))
                .setSocketTimeout(Timeout.of(readTimeout)).build();
        return HttpClientBuilder.create().useSystemProperties().disableAutomaticRetries()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(connection)
                        .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(Timeout.of(readTimeout))
                                .setSoKeepAlive(true).build())
                        .setMaxConnPerRoute(20).setMaxConnTotal(20).build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                        .setResponseTimeout(Timeout.of(readTimeout)).build());
    }

    /** One attempt, no silent retries (see the class comment). */
    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        LAST_RESPONSE.remove();
        Response response = super.makeRequest(apiBaseUrl == null ? request : rewritten(request));
        remember(response);
        return response;
    }

    /** Keeps {@code response} as the last one of this thread. */
    static void remember(Response response) {
        LAST_RESPONSE.set(response);
    }

    /** What the last response on this thread said: its HTTP status and {@code Retry-After}. */
    public record LastResponse(int status, Optional<Duration> retryAfter) {
    }

    /** The last response on this thread, if a response arrived, and forgets it. */
    public Optional<LastResponse> takeLastResponse(Clock clock) {
        Response response = LAST_RESPONSE.get();
        LAST_RESPONSE.remove();
        if (response == null) {
            return Optional.empty();
        }
        Optional<Duration> retryAfter = Optional.empty();
        for (Header header : response.getHeaders() == null ? new Header[0] : response.getHeaders()) {
            if ("Retry-After".equalsIgnoreCase(header.getName())) {
                retryAfter = HttpFailures.retryAfter(header.getValue(), clock);
            }
        }
        return Optional.of(new LastResponse(response.getStatusCode(), retryAfter));
    }

    /** Forgets the last response of this thread. */
    public void forgetLastResponse() {
        LAST_RESPONSE.remove();
    }

    private Request rewritten(Request original) {
        URL source = original.constructURL();
        String target = apiBaseUrl + source.getPath() + (source.getQuery() == null ? "" : "?" + source.getQuery());
        Request copy = new FixedUrlRequest(original.getMethod(), target);
        if (original.getAuthStrategy() != null) {
            copy.setAuth(original.getAuthStrategy());
        } else if (original.getUsername() != null) {
            copy.setAuth(original.getUsername(), original.getPassword());
        }
        copy.setContentType(original.getContentType());
        copy.setBody(original.getBody());
        copy.setUserAgentExtensions(original.getUserAgentExtensions());
        if (original.getFormParameters() != null) {
            copy.setFormParameters(original.getFormParameters());
        }
        copyParams(original.getPostParams(), copy::addPostParam);
        copyParams(original.getHeaderParams(), copy::addHeaderParam);
        return copy;
    }

    private static void copyParams(Map<String, List<String>> params, BiConsumer<String,
            String> add) {
        params.forEach((name, values) -> values.forEach(value -> add.accept(name, value)));
    }

    private static URI withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    /** A request whose URL is used as given (no Twilio region or edge host rewriting). */
    private static final class FixedUrlRequest extends Request {
        private final String target;

        FixedUrlRequest(HttpMethod method, String target) {
            super(method, target);
            this.target = target;
        }

        @Override
        public URL constructURL() {
            try {
                return URI.create(target).toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException("the Twilio API base URL is not a valid URL", e);
            }
        }
    }
}
