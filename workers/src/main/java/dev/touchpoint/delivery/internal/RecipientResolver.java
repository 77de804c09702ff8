package dev.touchpoint.delivery.internal;

import dev.touchpoint.channel.Channel;
import dev.touchpoint.channel.DeliveryFailure;
import dev.touchpoint.channel.FailureReason;
import dev.touchpoint.channel.KioskTarget;
import dev.touchpoint.channel.PushTokenUnregistered;
import dev.touchpoint.context.CustomerContext;
import dev.touchpoint.context.StorePresence;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.CustomerProfile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import dev.touchpoint.security.HmacSha256;
import javax.crypto.Mac;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * Where a channel reaches a customer, and what happens to an address a provider declared dead (it is removed from the
 * profile so no journey tries it again). Also issues the signed unsubscribe tokens that marketing messages carry.
 */
public class RecipientResolver {

    private static final Logger log = LoggerFactory.getLogger(RecipientResolver.class);

    private final CustomerContextStore context;
    /** A keyed Mac per thread: Mac.getInstance + init cost more than the HMAC itself (seen in the pipeline profile). */
    private final ThreadLocal<Mac> mac;

    public RecipientResolver(CustomerContextStore context, byte[] unsubscribeSecret) {
        this.context = context;
        this.mac = HmacSha256.perThread(unsubscribeSecret);
    }

    public Optional<String> recipient(Channel channel, CustomerProfile profile, TouchpointVariables variables) {
        return switch (channel) {
            case EMAIL -> Optional.ofNullable(blankToNull(profile.email()));
            case SMS -> Optional.ofNullable(blankToNull(profile.phone()));
            case PUSH -> profile.pushTokens().isEmpty() ? Optional.empty() : Optional.of(String.join(",", profile.pushTokens()));
            case KIOSK -> kioskTarget(profile, variables);
        };
    }

    /** A named kiosk of the store, else the kiosk nearest the customer in the store they are in. */
    private Optional<String> kioskTarget(CustomerProfile profile, TouchpointVariables variables) {
        String store = blankToNull(variables.storeId());
        if (store == null) {
            store = context.findContext(profile.id()).flatMap(CustomerContext::presence).map(StorePresence::storeId).orElse(null);
        }
        if (store == null) {
            return Optional.empty();
        }
        String kiosk = blankToNull(variables.kioskId());
        return Optional.of((kiosk == null ? KioskTarget.nearest(store.trim()) : KioskTarget.kiosk(store.trim(), kiosk.trim())).recipient());
    }

    /**
     * A provider said the address is dead for good (invalid number or mailbox): drop it from the profile. Dead push
     * tokens arrive one by one as {@link PushTokenUnregistered} events instead, see {@link #on(PushTokenUnregistered)}.
     */
    public void forgetDeadAddress(Channel channel, CustomerProfile profile, DeliveryFailure failure) {
        if (failure.reason() != FailureReason.INVALID_ADDRESS) {
            return;
        }
        CustomerProfile updated = switch (channel) {
            case SMS -> profile.phone() == null ? null : withPhone(profile, null);
            case EMAIL -> profile.email() == null ? null : profile.withEmail(null);
            case PUSH, KIOSK -> null;
        };
        if (updated != null) {
            context.upsert(updated);
            log.info("Removed the dead {} address of customer {} after {}", channel, profile.id(), failure.reason());
        }
    }

    private static CustomerProfile withPhone(CustomerProfile p, String phone) {
        return new CustomerProfile(p.id(), p.givenName(), p.familyName(), p.locale(), p.timeZone(), p.email(), phone,
                p.pushTokens(), p.loyaltyTier(), p.homeStore(), p.attributes(), p.preferences(), p.updatedAt());
    }

    /** FCM no longer knows a device token: remove it from the customer's profile. */
    @EventListener
    public void on(PushTokenUnregistered unregistered) {
        context.findProfile(unregistered.customerId()).ifPresent(p -> {
            if (p.pushTokens().contains(unregistered.token())) {
                List<String> remaining = new ArrayList<>(p.pushTokens());
                remaining.remove(unregistered.token());
                context.upsert(new CustomerProfile(p.id(), p.givenName(), p.familyName(), p.locale(), p.timeZone(), p.email(),
                        p.phone(), remaining, p.loyaltyTier(), p.homeStore(), p.attributes(), p.preferences(), p.updatedAt()));
                log.info("Removed an unregistered push token of customer {} ({} left)", p.id(), remaining.size());
            }
        });
    }

    /** {@code <customerId>.<channel>.<signature>}: URL-safe, verifiable without a lookup, unforgeable without the secret. */
    public String unsubscribeToken(String customerId, Channel channel) {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(customerId.getBytes(StandardCharsets.UTF_8))
                + "." + channel.name().toLowerCase(Locale.ROOT);
        return payload + "." + sign(payload);
    }

    /** The customer and channel of a token this resolver issued, or empty when the token is forged or malformed. */
    public Optional<Unsubscribe> verifyUnsubscribeToken(String token) {
        int last = token == null ? -1 : token.lastIndexOf('.');
        if (last < 0) {
            return Optional.empty();
        }
        String payload = token.substring(0, last);
        if (!java.security.MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.US_ASCII),
                token.substring(last + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        int dot = payload.indexOf('.');
        try {
            String customerId = new String(Base64.getUrlDecoder().decode(payload.substring(0, dot)), StandardCharsets.UTF_8);
            return Optional.of(new Unsubscribe(customerId, Channel.valueOf(payload.substring(dot + 1).toUpperCase(Locale.ROOT))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** What a valid unsubscribe token stands for. */
    public record Unsubscribe(String customerId, Channel channel) {}

    private String sign(String payload) {
        byte[] digest = mac.get().doFinal(payload.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 18));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
