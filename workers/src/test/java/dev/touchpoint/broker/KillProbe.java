package dev.touchpoint.broker;

import dev.touchpoint.TouchpointApplication;
import dev.touchpoint.context.ChannelPreferences;
import dev.touchpoint.context.ConsentChange;
import dev.touchpoint.context.ConsentSource;
import dev.touchpoint.context.ConsentStatus;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.CustomerProfile;
import dev.touchpoint.context.Purpose;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Touchpoint process of {@link ExactlyOnceUnderKillsBrokerIT}: the whole application (remote engine mode) with
 * the {@link KillSwitch}; on its first start it creates the customers {@code kill-0..kill-<n-1>}
 * ({@code -Dtouchpoint.kill.customers=n}) with an email address, a phone and a device token and marketing consent on
 * the three channels, in a zone where it is noon (no quiet hours). Prints
 * {@code PROBE-READY} once its workers run.
 */
public final class KillProbe {

    public static void main(String[] args) {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(TouchpointApplication.class, KillSwitch.class).run(args);
        int customers = Integer.getInteger("touchpoint.kill.customers", 0);
        CustomerContextStore store = app.getBean(CustomerContextStore.class);
        int offset = 12 - ZonedDateTime.now(ZoneOffset.UTC).getHour();
        ZoneOffset noon = ZoneOffset.ofHours(offset > 14 ? offset - 24 : offset < -12 ? offset + 24 : offset);
        for (int i = 0; i < customers; i++) {
            String id = "kill-" + i;
            if (store.findProfile(id).isEmpty()) {
                store.upsert(new CustomerProfile(id, "Kim", "Kill" + i, Locale.ENGLISH, noon, id + "@example.com", phone(i),
                        List.of(pushToken(i)), null, null, Map.of(), ChannelPreferences.NONE, null));
                for (Channel channel : List.of(Channel.EMAIL, Channel.SMS, Channel.PUSH)) {
                    store.recordConsent(new ConsentChange(id, channel, Purpose.MARKETING, ConsentStatus.GRANTED,
                            ConsentSource.API, "kill-test", Instant.now()));
                }
            }
        }
        System.out.println("PROBE-READY");
        System.out.flush();
    }

    /** Customer {@code kill-i}'s phone: a German mobile number carrying i. */
    static String phone(int i) {
        return "+49151" + String.format(Locale.ROOT, "%07d", i);
    }

    static String pushToken(int i) {
        return "kill-device-" + i;
    }

    /** The customer number behind an address, phone or device token of {@link KillProbe}'s customers. */
    static int customerOfEmail(String address) {
        return Integer.parseInt(address.substring("kill-".length(), address.indexOf('@')));
    }

    static int customerOfPhone(String phone) {
        return Integer.parseInt(phone.substring("+49151".length()));
    }

    static int customerOfPushToken(String token) {
        return Integer.parseInt(token.substring("kill-device-".length()));
    }
}
