package dev.touchpoint.channel.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import dev.touchpoint.channel.DeliveryReceipt;
import dev.touchpoint.channel.DeliveryStatus;
import dev.touchpoint.channel.KioskOfferAccepted;
import dev.touchpoint.channel.KioskScreenDisplayed;
import dev.touchpoint.channel.KioskTarget;
import dev.touchpoint.channel.OutboundMessage;
import dev.touchpoint.channel.kiosk.autoconfigure.KioskAccess;
import dev.touchpoint.channel.kiosk.hazelcast.HazelcastKioskDirectory;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two app instances in one JVM, each a Spring web application with its own port and its own member of one Hazelcast
 * cluster: a kiosk browser connects to instance A, the send is issued on instance B, and B's receipt says the screen
 * was displayed. The customer's tap arrives where the kiosk is connected (A).
 */
class KioskTwoInstanceIT {

    static final String STORE = "hamburg-hafen";
    static final String KIOSK = "entrance-1";
    static final String SECRET = "two-instance-secret-0123456789abcdefghij";
    static final Duration UI = Duration.ofSeconds(20);

    private static TestHazelcast cluster;
    private static HazelcastInstance memberA;
    private static HazelcastInstance memberB;
    private static ConfigurableApplicationContext instanceA;
    private static ConfigurableApplicationContext instanceB;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void startTwoInstances() {
        cluster = new TestHazelcast(2);
        memberA = cluster.member(0);
        memberB = cluster.member(1);
        await().atMost(UI).until(() -> memberA.getCluster().getMembers().size() == 2);
        // the first map operation arranges the partitions; let that settle before the applications start
        memberA.getMap("warm-up").set("k", "v");
        await().atMost(UI).until(() -> memberA.getPartitionService().isClusterSafe());
        instanceA = start("instance-a", memberA);
        instanceB = start("instance-b", memberB);
        chromium = new HeadlessChromium(1080, 1500);
    }

    static ConfigurableApplicationContext start(String instanceId, HazelcastInstance member) {
        return new SpringApplicationBuilder(KioskTestApp.class)
                .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
                        "touchpoint.channels.kiosk.secret=" + SECRET,
                        "touchpoint.channels.kiosk.instance-id=" + instanceId,
                        "touchpoint.channels.kiosk.heartbeat=2s", "touchpoint.channels.kiosk.presence-ttl=6s")
                .initializers(context -> context.getBeanFactory().registerSingleton("hazelcastInstance", member))
                .run();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {instanceA, instanceB}) {
            if (context != null) {
                context.close();
            }
        }
        for (HazelcastInstance member : new HazelcastInstance[] {memberA, memberB}) {
            if (member != null) {
                member.shutdown();
            }
        }
    }

    @Test
    void aSendOnOneInstanceIsDisplayedOnAKioskConnectedToTheOther() {
        assertThat(instanceA.getBean(KioskDirectory.class)).isInstanceOf(HazelcastKioskDirectory.class);
        KioskAccess access = instanceA.getBean(KioskAccess.class);
        int portA = ((ServletWebServerApplicationContext) instanceA).getWebServer().getPort();
        WebDriver browser = chromium.driver;
        browser.get("http://127.0.0.1:" + portA + "/kiosk/" + STORE + "/" + KIOSK + "?token="
                + access.tokens().derivedToken(STORE, KIOSK));
        KioskDirectory directoryOfB = instanceB.getBean(KioskDirectory.class);
        await().atMost(UI).until(() -> directoryOfB.find(STORE, KIOSK).isPresent());
        assertThat(directoryOfB.find(STORE, KIOSK).orElseThrow().instanceId()).isEqualTo("instance-a");
        assertThat(instanceB.getBean(KioskHub.class).localKiosks()).isEmpty();

        OutboundMessage message = new OutboundMessage("two-instances-1", "cust-ines",
                KioskTarget.nearest(STORE).recipient(), KioskScreens.storeGreeting(Duration.ofSeconds(60)));
        DeliveryReceipt receipt = instanceB.getBean(WebSocketKioskAdapter.class).send(message);

        assertThat(receipt.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(receipt.providerMessageId()).startsWith(STORE + "/" + KIOSK + "/");
        assertThat(browser.findElement(By.id("kiosk")).getDomAttribute("data-displayed"))
                .isEqualTo(receipt.providerMessageId());

        browser.findElement(By.cssSelector("[data-action=ACCEPT_OFFER]")).click();

        KioskTestApp.KioskEvents eventsOfA = instanceA.getBean(KioskTestApp.KioskEvents.class);
        await().atMost(UI).until(() -> !eventsOfA.of(KioskOfferAccepted.class).isEmpty());
        assertThat(eventsOfA.of(KioskScreenDisplayed.class)).singleElement()
                .satisfies(e -> assertThat(e.idempotencyKey()).isEqualTo("two-instances-1"));
        assertThat(eventsOfA.of(KioskOfferAccepted.class).getFirst().customerId()).isEqualTo("cust-ines");
        assertThat(instanceB.getBean(KioskTestApp.KioskEvents.class).all()).isEmpty();
    }
}
