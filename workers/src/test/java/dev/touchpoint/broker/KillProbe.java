package dev.touchpoint.broker;

import dev.touchpoint.TouchpointApplication;
import dev.touchpoint.context.ChannelPreferences;
import dev.touchpoint.context.ConsentChange;
import dev.touchpoint.context.ConsentSource;
import dev.touchpoint.context.ConsentStatus;
import dev.touchpoint.context.ContactChannel;
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
 * ({@code -Dtouchpoint.kill.customers=n}) with email consent, in a zone where it is noon (no quiet hours). Prints
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
                store.upsert(new CustomerProfile(id, "Kim", "Kill" + i, Locale.ENGLISH, noon, id + "@example.com", null,
                        List.of(), null, null, Map.of(), ChannelPreferences.NONE, null));
                store.recordConsent(new ConsentChange(id, ContactChannel.EMAIL, Purpose.MARKETING, ConsentStatus.GRANTED,
                        ConsentSource.API, "kill-test", Instant.now()));
            }
        }
        System.out.println("PROBE-READY");
        System.out.flush();
    }
}
