package dev.touchpoint.channel.kiosk;

import dev.touchpoint.channel.KioskTarget;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Prints the link a kiosk browser opens, for an operator setting up a store:
 * <pre>
 * TOUCHPOINT_KIOSK_SECRET=... java -cp channel-adapter-kiosk.jar:channel-adapter-api.jar \
 *     dev.touchpoint.channel.kiosk.KioskLinks https://touchpoint.example.com berlin-mitte entrance-1 [more kiosk ids]
 * </pre>
 * The secret is read from the environment (never from the command line, where other users of the machine and the
 * shell history would see it). Each line is {@code storeId/kioskId<TAB>link}.
 */
public final class KioskLinks {

    private KioskLinks() {
    }

    /** The link of a kiosk page under a base URL (the application's public address). */
    public static URI link(URI baseUrl, String storeId, String kioskId, String token) {
        String base = baseUrl.toString();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return URI.create(base + "/kiosk/" + storeId + "/" + kioskId + "?token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv("TOUCHPOINT_KIOSK_SECRET"), System.out, System.err));
    }

    static int run(String[] args, String secret, PrintStream out, PrintStream err) {
        if (args.length < 3) {
            err.println("usage: KioskLinks <base-url> <store-id> <kiosk-id> [<kiosk-id>...]"
                    + "   (secret from TOUCHPOINT_KIOSK_SECRET)");
            return 2;
        }
        if (secret == null || secret.length() < KioskTokens.MIN_SECRET_LENGTH) {
            err.println("TOUCHPOINT_KIOSK_SECRET must be set to the application's kiosk secret (at least "
                    + KioskTokens.MIN_SECRET_LENGTH + " characters)");
            return 2;
        }
        URI base = URI.create(args[0]);
        if (base.getScheme() == null || base.getHost() == null) {
            err.println("the base URL must be absolute, e.g. https://touchpoint.example.com");
            return 2;
        }
        KioskTokens tokens = new KioskTokens(secret, Map.of());
        for (int i = 2; i < args.length; i++) {
            KioskTarget kiosk;
            try {
                kiosk = KioskTarget.kiosk(args[1], args[i]);
            } catch (IllegalArgumentException e) {
                err.println(args[1] + "/" + args[i] + ": " + e.getMessage());
                return 2;
            }
            out.println(kiosk.recipient() + "\t" + link(base, kiosk.storeId(), kiosk.kioskId(),
                    tokens.derivedToken(kiosk.storeId(), kiosk.kioskId())));
        }
        return 0;
    }
}
