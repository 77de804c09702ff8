package dev.touchpoint.channel.kiosk.web;

import static org.springframework.web.servlet.function.RouterFunctions.route;

import dev.touchpoint.channel.kiosk.KioskTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The kiosk page: {@code GET /kiosk/{storeId}/{kioskId}?token=...} answers the page (plain HTML, CSS and JavaScript
 * of this module, no build step) when the token is the kiosk's, else 403. Its script and style sheet are
 * {@code /kiosk/-/kiosk.js} and {@code /kiosk/-/kiosk.css} ({@code -} is never a store id).
 *
 * <p>The page's Content Security Policy allows scripts and styles from this server only (plus inline styles, which
 * the brand's screens carry), images from this server and {@code data:}, and connections back to this server; it
 * cannot be framed, and it sends no referrer (its URL holds the token).
 *
 * <p>A functional endpoint rather than an annotated controller, so an application that component-scans
 * {@code dev.touchpoint} does not register it outside the auto-configuration's conditions.
 */
public final class KioskPageEndpoints {

    /** The page's Content Security Policy. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
            + "frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final String RESOURCES = "/dev/touchpoint/channel/kiosk/page/";
    private static final MediaType HTML = MediaType.valueOf("text/html;charset=UTF-8");
    private static final Map<String, MediaType> ASSET_TYPES = Map.of(
            "kiosk.js", MediaType.valueOf("text/javascript;charset=UTF-8"),
            "kiosk.css", MediaType.valueOf("text/css;charset=UTF-8"));
    private static final String FORBIDDEN_PAGE = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<title>Touchpoint kiosk</title></head><body><p>This kiosk link is not valid. Ask for a new link."
            + "</p></body></html>";

    private final KioskTokens tokens;
    private final String page;
    private final Map<String, String> assets;

    public KioskPageEndpoints(KioskTokens tokens) {
        this.tokens = tokens;
        this.page = read("kiosk.html");
        this.assets = Map.of("kiosk.js", read("kiosk.js"), "kiosk.css", read("kiosk.css"));
    }

    public RouterFunction<ServerResponse> routes() {
        return route()
                .GET("/kiosk/-/{asset}", this::asset)
                .GET("/kiosk/{storeId}/{kioskId}", this::page)
                .build();
    }

    private ServerResponse page(ServerRequest request) {
        boolean valid = tokens.verify(request.pathVariable("storeId"), request.pathVariable("kioskId"),
                request.param("token").orElse(null));
        return ServerResponse.status(valid ? HttpStatus.OK : HttpStatus.FORBIDDEN)
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .cacheControl(CacheControl.noStore())
                .contentType(HTML).body(valid ? page : FORBIDDEN_PAGE);
    }

    private ServerResponse asset(ServerRequest request) {
        String name = request.pathVariable("asset");
        String body = assets.get(name);
        if (body == null) {
            return ServerResponse.notFound().build();
        }
        return ServerResponse.ok().contentType(ASSET_TYPES.get(name)).cacheControl(CacheControl.noCache())
                .header("X-Content-Type-Options", "nosniff").body(body);
    }

    private static String read(String name) {
        try (InputStream in = KioskPageEndpoints.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("the kiosk page resource " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
