package dev.touchpoint.channel.push.sandbox;

import static org.springframework.web.servlet.function.RouterFunctions.route;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Read API of the push sandbox ({@code /api/sandbox/**} requires an authenticated user once Spring Security is on the
 * classpath): what would have reached each device, and what FCM would have answered.
 * <ul>
 *   <li>{@code GET /api/sandbox/push/messages}: every send, newest first ({@link SandboxPush});</li>
 *   <li>{@code GET /api/sandbox/push/messages/{id}}: one of them;</li>
 *   <li>{@code DELETE /api/sandbox/push/messages}: forgets them, answers {@code {"deleted": n}}.</li>
 * </ul>
 * A functional endpoint rather than an annotated controller, so an application that component-scans
 * {@code dev.touchpoint} does not register it outside the auto-configuration's conditions.
 */
public final class SandboxPushEndpoints {

    /** The path prefix. */
    public static final String PATH = "/api/sandbox/push";

    private final FcmSandbox sandbox;

    public SandboxPushEndpoints(FcmSandbox sandbox) {
        this.sandbox = sandbox;
    }

    public RouterFunction<ServerResponse> routes() {
        return route()
                .GET(PATH + "/messages", request -> json(sandbox.messages()))
                .GET(PATH + "/messages/{id}", request -> sandbox.message(request.pathVariable("id"))
                        .map(SandboxPushEndpoints::json).orElseGet(() -> ServerResponse.notFound().build()))
                .DELETE(PATH + "/messages", request -> json(Map.of("deleted", sandbox.purge())))
                .build();
    }

    private static ServerResponse json(Object body) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
