package dev.touchpoint.channel.sms.sandbox;

import static org.springframework.web.servlet.function.RouterFunctions.route;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Read API of the SMS sandbox ({@code /api/sandbox/**} requires an authenticated user once Spring Security is on the
 * classpath), plus a way to play the customer's phone:
 * <ul>
 *   <li>{@code GET /api/sandbox/sms/messages}: every message sent (and simulated inbound), newest first, with its
 *       status history ({@link SandboxSms});</li>
 *   <li>{@code GET /api/sandbox/sms/messages/{sid}}: one of them;</li>
 *   <li>{@code DELETE /api/sandbox/sms/messages}: forgets them, answers {@code {"deleted": n}};</li>
 *   <li>{@code POST /api/sandbox/sms/inbound} with {@code {"from", "to", "body"}}: the sandbox sends a signed inbound
 *       webhook to this application, exactly as Twilio would for a reply such as STOP, and answers
 *       {@code 202 {"webhookStatus": <what the webhook answered>}}.</li>
 * </ul>
 * A functional endpoint rather than an annotated controller, so an application that component-scans
 * {@code dev.touchpoint} does not register it outside the auto-configuration's conditions.
 */
public final class SandboxSmsEndpoints {

    /** The path prefix. */
    public static final String PATH = "/api/sandbox/sms";

    /** A message "from a phone" to one of our numbers. */
    public record InboundSms(String from, String to, String body) {
    }

    private final TwilioSandbox sandbox;

    public SandboxSmsEndpoints(TwilioSandbox sandbox) {
        this.sandbox = sandbox;
    }

    public RouterFunction<ServerResponse> routes() {
        return route()
                .GET(PATH + "/messages", request -> json(sandbox.messages()))
                .GET(PATH + "/messages/{sid}", request -> sandbox.message(request.pathVariable("sid"))
                        .map(SandboxSmsEndpoints::json).orElseGet(() -> ServerResponse.notFound().build()))
                .DELETE(PATH + "/messages", request -> json(Map.of("deleted", sandbox.purge())))
                .POST(PATH + "/inbound", this::inbound)
                .build();
    }

    private ServerResponse inbound(ServerRequest request) throws ServletException, IOException {
        InboundSms sms = request.body(InboundSms.class);
        if (sms.from() == null || sms.from().isBlank() || sms.to() == null || sms.to().isBlank()) {
            return ServerResponse.badRequest().build();
        }
        int status = sandbox.simulateInbound(sms.from(), sms.to(), sms.body() == null ? "" : sms.body());
        return ServerResponse.status(HttpStatus.ACCEPTED).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("webhookStatus", status));
    }

    private static ServerResponse json(Object body) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
