package dev.touchpoint.channel.push;

import com.google.api.client.http.HttpResponseException;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.channel.DeliveryFailure;
import dev.touchpoint.channel.FailureReason;
import dev.touchpoint.channel.PersonalData;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OAuth 2.0 access token FCM wants, from a Google service account: Google's auth library signs a JWT with the
 * account's private key, trades it at the account's {@code token_uri} for an access token of scope
 * {@value #SCOPE}, caches it and fetches a new one shortly before it expires (and at once when FCM says it is no
 * longer valid). Token requests go through the adapter's {@link HttpClient}, with its timeouts.
 */
public final class FcmCredentials {

    /** The OAuth scope of the FCM HTTP v1 API. */
    public static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";

    private static final Pattern OAUTH_ERROR = Pattern.compile("\"error\"\\s*:\\s*\"([A-Za-z0-9_.-]{1,64})\"");

    private final GoogleCredentials credentials;
    private final String projectId;
    private final String account;
    private final URI tokenServerUri;

    FcmCredentials(GoogleCredentials credentials, String projectId, String account, URI tokenServerUri) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.projectId = Objects.requireNonNull(projectId, "projectId");
        this.account = account;
        this.tokenServerUri = tokenServerUri;
    }

    /**
     * Credentials of a service-account key file (the JSON Firebase's console downloads).
     *
     * @param serviceAccountJson the key file's content
     * @param projectId          the Firebase project to send through; {@code null} for the key file's {@code project_id}
     * @param tokenServerUri     where to fetch tokens instead of the key file's {@code token_uri} (tests, the sandbox),
     *                           or {@code null}
     * @param http               the client token requests use
     * @param readTimeout        how long a token request may take
     * @throws IllegalArgumentException when the file is not a usable service-account key (its message names no secret)
     */
    public static FcmCredentials fromServiceAccountJson(InputStream serviceAccountJson, String projectId,
                                                        URI tokenServerUri, HttpClient http, Duration readTimeout) {
        ServiceAccountCredentials parsed;
        JdkHttpTransport transport = new JdkHttpTransport(http, readTimeout);
        try {
            parsed = ServiceAccountCredentials.fromStream(serviceAccountJson, () -> transport);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a Google service-account key file (type service_account with "
                    + "client_email, private_key and token_uri): " + e.getClass().getSimpleName());
        }
        ServiceAccountCredentials.Builder builder = parsed.toBuilder().setHttpTransportFactory(() -> transport)
                .setScopes(List.of(SCOPE)).setDefaultRetriesEnabled(false);
        if (tokenServerUri != null) {
            builder.setTokenServerUri(tokenServerUri);
        }
        ServiceAccountCredentials scoped = builder.build();
        String project = projectId != null && !projectId.isBlank() ? projectId.strip() : scoped.getProjectId();
        if (project == null || project.isBlank()) {
            throw new IllegalArgumentException("no Firebase project id: the key file has no project_id and none is "
                    + "configured");
        }
        return new FcmCredentials(scoped, project, scoped.getClientEmail(), scoped.getTokenServerUri());
    }

    /** The Firebase project messages are sent through. */
    public String projectId() {
        return projectId;
    }

    /** The service account's e-mail (not a person's: it may be logged). */
    public String account() {
        return account;
    }

    /** Where access tokens come from. */
    public URI tokenServerUri() {
        return tokenServerUri;
    }

    /** The underlying credentials (tests move their clock). */
    GoogleCredentials googleCredentials() {
        return credentials;
    }

    /**
     * The {@code Authorization} header value for the next FCM call, from the cache while the token is fresh.
     *
     * @throws DeliveryFailure MISCONFIGURED when the token endpoint refuses the account, RETRYABLE when it cannot be
     *                         reached or fails temporarily
     */
    public String authorization(URI fcmEndpoint) {
        try {
            Map<String, List<String>> metadata = credentials.getRequestMetadata(fcmEndpoint);
            List<String> values = metadata.get("Authorization");
            if (values == null || values.isEmpty()) {
                throw DeliveryFailure.misconfigured(Channel.PUSH, FailureReason.AUTHENTICATION_FAILED)
                        .vendorMessage("the service account yielded no access token").build();
            }
            return values.getFirst();
        } catch (IOException e) {
            throw tokenFailure(e);
        }
    }

    /** Forgets the cached token and fetches a new one (FCM said the cached one is not valid). */
    public void refresh() {
        try {
            credentials.refresh();
        } catch (IOException e) {
            throw tokenFailure(e);
        }
    }

    static DeliveryFailure tokenFailure(IOException error) {
        Throwable cause = PersonalData.scrub(error);
        HttpResponseException response = find(error, HttpResponseException.class);
        if (response != null) {
            int status = response.getStatusCode();
            String oauthError = oauthError(response.getContent());
            DeliveryFailure.Builder failure = status == 429 || status >= 500
                    ? DeliveryFailure.retryable(Channel.PUSH, FailureReason.VENDOR_UNAVAILABLE)
                    : DeliveryFailure.misconfigured(Channel.PUSH, FailureReason.AUTHENTICATION_FAILED);
            return failure.vendorCode("OAUTH " + status + (oauthError == null ? "" : " " + oauthError))
                    .vendorMessage("the OAuth token endpoint refused the service account's token request")
                    .cause(cause).build();
        }
        if (find(error, HttpTimeoutException.class) != null || find(error, SocketTimeoutException.class) != null) {
            return DeliveryFailure.retryable(Channel.PUSH, FailureReason.TIMEOUT)
                    .vendorMessage("the OAuth token endpoint did not answer in time").cause(cause).build();
        }
        return DeliveryFailure.retryable(Channel.PUSH, FailureReason.CONNECTION_FAILED)
                .vendorMessage("the OAuth token endpoint could not be reached: " + error.getClass().getSimpleName())
                .cause(cause).build();
    }

    /** The {@code error} member of an OAuth error response ({@code invalid_grant}), if it has one. */
    private static String oauthError(String body) {
        if (body == null) {
            return null;
        }
        Matcher matcher = OAUTH_ERROR.matcher(body);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "FcmCredentials[projectId=" + projectId + ", account=" + account + ", tokenServerUri="
                + tokenServerUri + "]";
    }
}
