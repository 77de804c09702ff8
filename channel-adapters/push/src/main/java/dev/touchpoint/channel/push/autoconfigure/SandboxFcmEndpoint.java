package dev.touchpoint.channel.push.autoconfigure;

import java.io.InputStream;
import java.net.URI;

/**
 * The FCM stand-in of the embedded default as the adapter sees it: where to send FCM requests and a service-account
 * key file that its token endpoint accepts. The stand-in lives in its own module ({@code channel-adapter-push-sandbox}),
 * so the adapter's jar carries no WireMock; that module registers a bean of this type when
 * {@link PushSandboxCondition} selects the sandbox, and {@link PushChannelAutoConfiguration} builds the
 * {@link FcmAccount} from it.
 */
public interface SandboxFcmEndpoint {

    /** Where the adapter sends FCM requests. */
    URI baseUrl();

    /** A service-account key file (JSON) whose {@code token_uri} is the stand-in's token endpoint. */
    InputStream serviceAccountJson();
}
