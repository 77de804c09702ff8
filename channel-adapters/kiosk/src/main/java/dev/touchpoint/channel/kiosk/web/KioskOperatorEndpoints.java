package dev.touchpoint.channel.kiosk.web;

import static org.springframework.web.servlet.function.RouterFunctions.route;

import dev.touchpoint.channel.KioskTarget;
import dev.touchpoint.channel.kiosk.KioskDirectory;
import dev.touchpoint.channel.kiosk.KioskHub;
import dev.touchpoint.channel.kiosk.KioskPresence;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Operator API of the kiosk channel ({@code /api/**} requires an authenticated user once Spring Security is on the
 * classpath):
 * <ul>
 *   <li>{@code GET /api/kiosks[?store=<storeId>]}: the connected kiosks ({@link ConnectedKiosk}), on every
 *       instance;</li>
 *   <li>{@code DELETE /api/kiosks/{storeId}/{kioskId}/connection}: makes a kiosk reconnect, wherever it is
 *       connected (after a change of its token); 204, or 404 when it is not connected.</li>
 * </ul>
 * A functional endpoint rather than an annotated controller, so an application that component-scans
 * {@code dev.touchpoint} does not register it outside the auto-configuration's conditions.
 */
public final class KioskOperatorEndpoints {

    /** The path prefix. */
    public static final String PATH = "/api/kiosks";

    /** A connected kiosk as listed. */
    public record ConnectedKiosk(String storeId, String kioskId, String zone, String instanceId,
                                 Instant connectedAt, Instant lastSeenAt, Instant lastActivityAt, boolean busy) {
    }

    private final KioskDirectory directory;
    private final KioskHub hub;
    private final Clock clock;

    public KioskOperatorEndpoints(KioskDirectory directory, KioskHub hub, Clock clock) {
        this.directory = directory;
        this.hub = hub;
        this.clock = clock;
    }

    public RouterFunction<ServerResponse> routes() {
        return route()
                .GET(PATH, this::connected)
                .DELETE(PATH + "/{storeId}/{kioskId}/connection", request ->
                        hub.disconnect(request.pathVariable("storeId"), request.pathVariable("kioskId"))
                                ? ServerResponse.noContent().build() : ServerResponse.notFound().build())
                .build();
    }

    private ServerResponse connected(ServerRequest request) {
        Optional<String> store = request.param("store");
        if (store.isPresent() && !KioskTarget.isValidId(store.get())) {
            return ServerResponse.badRequest().build();
        }
        Instant now = clock.instant();
        List<KioskPresence> kiosks = store.map(directory::inStore).orElseGet(directory::all);
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(kiosks.stream()
                .map(p -> new ConnectedKiosk(p.storeId(), p.kioskId(), p.zone(), p.instanceId(), p.connectedAt(),
                        p.lastSeenAt(), p.lastActivityAt(), p.busyAt(now)))
                .toList());
    }
}
