package dev.touchpoint.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import dev.touchpoint.channel.kiosk.KioskHub;
import dev.touchpoint.channel.kiosk.KioskPresence;
import dev.touchpoint.channel.kiosk.KioskTokens;
import dev.touchpoint.channel.kiosk.RouteSigner;
import dev.touchpoint.channel.kiosk.ScriptedKiosk;
import dev.touchpoint.channel.kiosk.TestHazelcast;
import dev.touchpoint.channel.kiosk.WebSocketKioskAdapter;
import dev.touchpoint.channel.kiosk.hazelcast.HazelcastKioskDirectory;
import dev.touchpoint.channel.kiosk.hazelcast.HazelcastKioskRoute;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared adapter contract for the kiosk channel. The "vendor" is the app instance a kiosk is connected to: the
 * adapter runs on hub A, the kiosk (a scripted page) hangs on hub B, both on one Hazelcast member, so every send
 * crosses the signed route. The stand-in's failure modes are the kiosk channel's own:
 * <ul>
 *   <li>recipient refused: the kiosk is not connected (PERMANENT, {@code KIOSK_OFFLINE});</li>
 *   <li>temporary error: the page says a customer is using it (RETRYABLE, {@code KIOSK_BUSY});</li>
 *   <li>credentials refused: the kiosk hangs on an instance configured with another secret (MISCONFIGURED);</li>
 *   <li>no answer: the directory names an instance that died (RETRYABLE, TIMEOUT).</li>
 * </ul>
 * The class lives in the contract's package to state one thing more strongly than the contract does: a kiosk
 * receipt means the page confirmed the screen, so its status is {@code DELIVERED}, not {@code QUEUED}/{@code SENT}.
 */
class WebSocketKioskAdapterContractIT extends ChannelAdapterContract {

    static final String STORE = "berlin-mitte";
    static final String KIOSK = "entrance-1";
    static final String SECRET = "contract-secret-0123456789abcdef0123456789";
    static final KioskHub.Settings SETTINGS = new KioskHub.Settings(Duration.ofSeconds(5), Duration.ofSeconds(30),
            Duration.ofMillis(700), Duration.ofSeconds(1));

    private static HazelcastInstance member;
    private static ScheduledExecutorService scheduler;
    private static KioskHub hubA;
    private static KioskHub hubB;
    private static KioskHub hubWithOtherSecret;
    private static HazelcastKioskDirectory directory;
    private static final List<KioskEvent> events = new CopyOnWriteArrayList<>();

    private final List<ScriptedKiosk> kiosks = new CopyOnWriteArrayList<>();
    private ScriptedKiosk kiosk;
    private WebSocketKioskAdapter adapter;

    @BeforeAll
    static void startHubs() {
        member = new TestHazelcast(1).member(0);
        scheduler = Executors.newScheduledThreadPool(2);
        directory = new HazelcastKioskDirectory(member, SETTINGS.presenceTtl());
        hubA = hub("a", SECRET);
        hubB = hub("b", SECRET);
        hubWithOtherSecret = hub("c", "another-secret-0123456789abcdef0123456789");
    }

    static KioskHub hub(String instanceId, String secret) {
        KioskHub hub = new KioskHub(instanceId, directory, new HazelcastKioskRoute(member),
                new RouteSigner(new KioskTokens(secret, Map.of()).routeKey()), key -> null, events::add, SETTINGS,
                Clock.systemUTC(), scheduler);
        hub.start();
        return hub;
    }

    @AfterAll
    static void stopHubs() {
        hubA.close();
        hubB.close();
        hubWithOtherSecret.close();
        scheduler.shutdownNow();
        member.shutdown();
    }

    @BeforeEach
    void newAdapter() {
        adapter = new WebSocketKioskAdapter(hubA, IdempotencyGuard.withDefaults());
    }

    @Override
    protected ChannelAdapter adapter() {
        return adapter;
    }

    @Override
    protected OutboundMessage message(String idempotencyKey) {
        return new OutboundMessage(idempotencyKey, "cust-42", KioskTarget.kiosk(STORE, KIOSK).recipient(),
                new KioskContent("<section class=\"tp-kiosk\"><h1>Welcome back</h1></section>", "Welcome back",
                        Duration.ofSeconds(5), "Welcome back", "20 % off today", "Show me the offer", "en",
                        Set.of(KioskAction.ACCEPT_OFFER, KioskAction.DISMISS), null));
    }

    @Override
    protected void resetVendor() {
        for (ScriptedKiosk old : kiosks) {
            if (!old.isClosed()) {
                leave(old);
            }
        }
        kiosks.clear();
        directory.unregister(STORE, KIOSK, "ghost-session");
        kiosk = connect(hubB, ScriptedKiosk.Mode.ACK);
    }

    /** Connects a scripted page and waits until every instance sees it (the hub writes presence in the background). */
    private ScriptedKiosk connect(KioskHub hub, ScriptedKiosk.Mode mode) {
        ScriptedKiosk connected = new ScriptedKiosk(hub, mode).connect(STORE, KIOSK);
        kiosks.add(connected);
        await().atMost(Duration.ofSeconds(10)).until(() -> directory.find(STORE, KIOSK)
                .filter(p -> p.sessionId().equals(connected.id())).isPresent());
        return connected;
    }

    /** The page goes away; waits until the directory forgets it. */
    private void leave(ScriptedKiosk page) {
        page.leave();
        await().atMost(Duration.ofSeconds(10)).until(() -> directory.find(STORE, KIOSK)
                .filter(p -> p.sessionId().equals(page.id())).isEmpty());
    }

    @Override
    protected void vendorRejectsRecipient() {
        leave(kiosk);
    }

    @Override
    protected void vendorFailsTemporarily() {
        kiosk.answer(ScriptedKiosk.Mode.BUSY);
    }

    @Override
    protected void vendorRejectsCredentials() {
        leave(kiosk);
        kiosk = connect(hubWithOtherSecret, ScriptedKiosk.Mode.ACK);
    }

    @Override
    protected void vendorStopsAnswering() {
        leave(kiosk);
        Instant now = Instant.now();
        directory.register(new KioskPresence(STORE, KIOSK, null, "instance-that-died", "ghost-session", now, now,
                null, null, null));
    }

    @Override
    protected void vendorAccepts() {
        if (kiosk.isClosed()) {
            kiosk = connect(hubB, ScriptedKiosk.Mode.ACK);
        }
        kiosk.answer(ScriptedKiosk.Mode.ACK);
    }

    @Override
    protected int acceptedByVendor() {
        return kiosks.stream().mapToInt(ScriptedKiosk::displayedCount).sum();
    }

    /** Stronger than the contract's QUEUED/SENT: the page confirmed the screen before the receipt was issued. */
    @Test
    @Override
    void anAcceptedMessageYieldsAReceiptForTheAdaptersChannel() {
        DeliveryReceipt receipt = adapter().send(message(newKey()));

        assertThat(receipt.channel()).isEqualTo(Channel.KIOSK);
        assertThat(receipt.providerMessageId()).startsWith(STORE + "/" + KIOSK + "/");
        assertThat(receipt.acceptedAt()).isNotNull();
        assertThat(receipt.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(acceptedByVendor()).isEqualTo(1);
    }

    @Test
    void theFailuresCarryTheKioskCodesAJourneyBranchesOn() {
        leave(kiosk);
        DeliveryFailure offline = failureOf(message(newKey()));
        assertThat(offline.vendorCode()).isEqualTo(WebSocketKioskAdapter.KIOSK_OFFLINE);
        assertThat(offline.reason()).isEqualTo(FailureReason.UNREACHABLE);
        assertThat(offline.reason().bpmnErrorCode()).isEqualTo("TOUCHPOINT_UNREACHABLE");

        kiosk = connect(hubB, ScriptedKiosk.Mode.SILENT);
        DeliveryFailure noAck = failureOf(message(newKey()));
        assertThat(noAck.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(noAck.vendorCode()).isEqualTo(WebSocketKioskAdapter.KIOSK_NO_ACK);
        assertThat(kiosk.received("withdraw")).hasSize(1);

        kiosk.answer(ScriptedKiosk.Mode.BUSY);
        DeliveryFailure busy = failureOf(message(newKey()));
        assertThat(busy.vendorCode()).isEqualTo(WebSocketKioskAdapter.KIOSK_BUSY);
        assertThat(busy.retryAfter()).isPresent();

        vendorRejectsCredentials();
        assertThat(failureOf(message(newKey())).vendorCode()).isEqualTo(WebSocketKioskAdapter.ROUTE_KEY_MISMATCH);

        vendorStopsAnswering();
        assertThat(failureOf(message(newKey())).vendorCode()).isEqualTo(WebSocketKioskAdapter.INSTANCE_SILENT);

        DeliveryFailure address = failureOf(new OutboundMessage(newKey(), "cust-42", "not a kiosk/../x",
                message(newKey()).content()));
        assertThat(address.reason()).isEqualTo(FailureReason.INVALID_ADDRESS);
    }

    @Test
    void theScreenAndTheCustomersActionTravelBackAcrossInstances() {
        events.clear();
        OutboundMessage message = message(newKey());

        DeliveryReceipt receipt = adapter.send(message);
        kiosk.tap(receipt.providerMessageId(), "ACCEPT_OFFER");

        assertThat(kiosk.received("screen")).singleElement().satisfies(screen -> {
            assertThat(screen.path("html").asText()).contains("Welcome back");
            assertThat(screen.path("callToAction").asText()).isEqualTo("Show me the offer");
            assertThat(screen.path("actions")).extracting(n -> n.asText()).containsExactly("ACCEPT_OFFER", "DISMISS");
        });
        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("KioskScreenDisplayed", "KioskOfferAccepted");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.providerMessageId()).isEqualTo(receipt.providerMessageId());
            assertThat(e.idempotencyKey()).isEqualTo(message.idempotencyKey());
            assertThat(e.customerId()).isEqualTo("cust-42");
        });
    }
}
