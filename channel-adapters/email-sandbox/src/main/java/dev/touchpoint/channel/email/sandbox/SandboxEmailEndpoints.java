package dev.touchpoint.channel.email.sandbox;

import static org.springframework.web.servlet.function.RouterFunctions.route;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Read API of the e-mail sandbox: what the embedded default "sent" ({@code /api/sandbox/**} requires an
 * authenticated user once Spring Security is on the classpath). Registered only while the sandbox runs.
 * <ul>
 *   <li>{@code GET /api/sandbox/email/messages}: every message, newest first ({@link SandboxEmailSummary});</li>
 *   <li>{@code GET /api/sandbox/email/messages/{id}}: headers as transmitted plus decoded alternatives
 *       ({@link SandboxEmail});</li>
 *   <li>{@code GET /api/sandbox/email/messages/{id}/raw}: the message as received, {@code message/rfc822};</li>
 *   <li>{@code DELETE /api/sandbox/email/messages}: empties the mailbox, answers {@code {"deleted": n}}.</li>
 * </ul>
 * A functional endpoint rather than an annotated controller, so an application that component-scans
 * {@code dev.touchpoint} does not register it outside the auto-configuration's conditions.
 */
public final class SandboxEmailEndpoints {

    /** The path of the message list. */
    public static final String PATH = "/api/sandbox/email/messages";
    /** The media type of a complete Internet message. */
    public static final MediaType MESSAGE_RFC822 = MediaType.parseMediaType("message/rfc822");

    private final SandboxMailServer mailbox;

    public SandboxEmailEndpoints(SandboxMailServer mailbox) {
        this.mailbox = mailbox;
    }

    public RouterFunction<ServerResponse> routes() {
        return route()
                .GET(PATH, request -> json(mailbox.messages()))
                .GET(PATH + "/{id}", this::message)
                .GET(PATH + "/{id}/raw", this::raw)
                .DELETE(PATH, request -> json(Map.of("deleted", mailbox.purge())))
                .build();
    }

    private ServerResponse message(ServerRequest request) {
        return mailbox.message(request.pathVariable("id")).map(SandboxEmailEndpoints::json)
                .orElseGet(() -> ServerResponse.notFound().build());
    }

    private ServerResponse raw(ServerRequest request) {
        return mailbox.raw(request.pathVariable("id"))
                .map(bytes -> ServerResponse.ok().contentType(MESSAGE_RFC822).body(bytes))
                .orElseGet(() -> ServerResponse.notFound().build());
    }

    private static ServerResponse json(Object body) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
