package dev.touchpoint.channel.kiosk.sandbox;

import static org.springframework.web.servlet.function.RouterFunctions.route;

import dev.touchpoint.channel.KioskTarget;
import dev.touchpoint.channel.kiosk.KioskLinks;
import dev.touchpoint.channel.kiosk.KioskTokens;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The kiosk links of the embedded default: {@code GET /api/sandbox/kiosk/links} ({@code /api/sandbox/**} requires
 * an authenticated user once Spring Security is on the classpath). Registered only while the kiosk secret is made up
 * at start: then nobody can mint links offline, and this is how a developer opens a kiosk page. A configured secret
 * turns it off (mint links with {@link KioskLinks} instead).
 *
 * <p>A functional endpoint rather than an annotated controller, so an application that component-scans
 * {@code dev.touchpoint} does not register it outside the auto-configuration's conditions.
 */
public final class SandboxKioskEndpoints {

    /** The path prefix. */
    public static final String PATH = "/api/sandbox/kiosk";
    /** The demo kiosk every embedded start offers. */
    public static final KioskTarget DEMO_KIOSK = KioskTarget.kiosk("demo-store", "entrance-1");

    /** One kiosk's link. */
    public record KioskLink(String storeId, String kioskId, URI link) {
    }

    private final KioskTokens tokens;
    private final List<KioskTarget> configured;
    private final URI publicBaseUrl;

    public SandboxKioskEndpoints(KioskTokens tokens, List<KioskTarget> configured, URI publicBaseUrl) {
        this.tokens = tokens;
        this.configured = List.copyOf(configured);
        this.publicBaseUrl = publicBaseUrl;
    }

    public RouterFunction<ServerResponse> routes() {
        return route().GET(PATH + "/links", this::links).build();
    }

    /** The link of the demo kiosk and of every configured kiosk without a token of its own. */
    private ServerResponse links(ServerRequest request) {
        URI base = publicBaseUrl != null ? publicBaseUrl
                : ServletUriComponentsBuilder.fromContextPath(request.servletRequest()).build().toUri();
        Set<KioskTarget> kiosks = new LinkedHashSet<>();
        kiosks.add(DEMO_KIOSK);
        kiosks.addAll(configured);
        List<KioskLink> links = new ArrayList<>();
        for (KioskTarget kiosk : kiosks) {
            if (!tokens.hasConfiguredToken(kiosk.storeId(), kiosk.kioskId())) {
                links.add(new KioskLink(kiosk.storeId(), kiosk.kioskId(), KioskLinks.link(base, kiosk.storeId(),
                        kiosk.kioskId(), tokens.derivedToken(kiosk.storeId(), kiosk.kioskId()))));
            }
        }
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(links);
    }
}
