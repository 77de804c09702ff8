package dev.touchpoint.channel.sms;

import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import dev.touchpoint.channel.gsm.SmsSegmentCalculator;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.channel.ChannelAdapter;
import dev.touchpoint.channel.DeliveryFailure;
import dev.touchpoint.channel.DeliveryReceipt;
import dev.touchpoint.channel.DeliveryStatus;
import dev.touchpoint.channel.FailureReason;
import dev.touchpoint.channel.IdempotencyGuard;
import dev.touchpoint.channel.OutboundMessage;
import dev.touchpoint.channel.SmsContent;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends SMS through Twilio's Messages API with the Twilio Java SDK: {@code POST
 * /2010-04-01/Accounts/{AccountSid}/Messages.json} with {@code To}, {@code Body}, {@code MessagingServiceSid} or
 * {@code From}, and a {@code StatusCallback} that carries the idempotency key and customer id back
 * ({@value #KEY_PARAM}, {@value #CUSTOMER_PARAM}) so delivery reports can be matched without a lookup.
 *
 * <p>Before the call the sender's rate limit is taken ({@link SenderRateLimiter}); Twilio's errors are mapped by
 * {@link TwilioErrors}. One {@link TwilioRestClient} per adapter (never the SDK's static global). Logs carry the
 * customer id, the idempotency key and the message SID only.
 */
public final class TwilioSmsAdapter implements ChannelAdapter {

    /** Query parameters of the status callback URL that echo the send back. */
    public static final String KEY_PARAM = "tp_key";
    public static final String CUSTOMER_PARAM = "tp_customer";

    private static final Logger log = LoggerFactory.getLogger(TwilioSmsAdapter.class);

    private final TwilioRestClient client;
    private final TwilioHttpClient http;
    private final SmsSender sender;
    private final Supplier<Optional<URI>> statusCallback;
    private final SenderRateLimiter rateLimiter;
    private final IdempotencyGuard guard;
    private final Clock clock;

    /**
     * @param client         the REST client (its account SID and auth token)
     * @param http           the HTTP client {@code client} uses, to read {@code Retry-After}
     * @param sender         messaging service or From number
     * @param statusCallback where Twilio reports delivery (resolved per send: the local port of the sandbox is known
     *                       only once the web server runs); empty for no callbacks
     * @param rateLimiter    per-sender pacing
     * @param guard          remembers accepted idempotency keys
     * @param clock          stamps receipts when Twilio gives no date
     */
    public TwilioSmsAdapter(TwilioRestClient client, TwilioHttpClient http, SmsSender sender,
                            Supplier<Optional<URI>> statusCallback, SenderRateLimiter rateLimiter,
                            IdempotencyGuard guard, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.http = Objects.requireNonNull(http, "http");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.statusCallback = Objects.requireNonNull(statusCallback, "statusCallback");
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A REST client for one account whose requests go through {@code http}. */
    public static TwilioRestClient restClient(String accountSid, String authToken, TwilioHttpClient http) {
        return new TwilioRestClient.Builder(accountSid, authToken).httpClient(http).build();
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public DeliveryReceipt send(OutboundMessage message) {
        SmsContent content = message.contentAs(SmsContent.class, Channel.SMS);
        return guard.deliverOnce(message.idempotencyKey(), () -> deliver(message, content));
    }

    /**
     * The segments Twilio bills for {@code body}, at least one (an empty body still goes out as one message): the
     * count of the brand design system's {@link SmsSegmentCalculator}, the one counter of the project, which never
     * splits an escape sequence or a surrogate pair across two segments. The rate limiter reserves this many.
     */
    public static int segments(String body) {
        return Math.max(1, SmsSegmentCalculator.analyse(body).segments());
    }

    private DeliveryReceipt deliver(OutboundMessage message, SmsContent content) {
        String to = message.recipient().strip();
        if (!SmsSender.E164.matcher(to).matches()) {
            throw DeliveryFailure.permanent(Channel.SMS, FailureReason.INVALID_ADDRESS)
                    .vendorMessage("the recipient is not an E.164 phone number")
                    .idempotencyKey(message.idempotencyKey()).build();
        }
        try {
            rateLimiter.acquire(sender, segments(content.body()));
        } catch (DeliveryFailure limited) {
            throw logged(message, limited.forMessage(message.idempotencyKey()));
        }

        MessageCreator creator = sender.messagingServiceSid() != null
                ? Message.creator(new PhoneNumber(to), sender.messagingServiceSid(), content.body())
                : Message.creator(new PhoneNumber(to), new PhoneNumber(sender.from()), content.body());
        if (sender.messagingServiceSid() != null && sender.from() != null) {
            creator.setFrom(sender.from());
        }
        statusCallback.get().ifPresent(url -> creator.setStatusCallback(withEcho(url, message)));
        try {
            Message created = creator.create(client);
            http.forgetLastResponse();
            Instant acceptedAt = created.getDateCreated() != null ? created.getDateCreated().toInstant()
                    : clock.instant();
            DeliveryStatus status = TwilioStatuses.of(created.getStatus() == null ? null
                    : created.getStatus().toString()).orElse(DeliveryStatus.QUEUED);
            log.info("SMS accepted by Twilio: customer={} idempotencyKey={} sid={} status={}",
                    message.customerId(), message.idempotencyKey(), created.getSid(), status);
            return new DeliveryReceipt(Channel.SMS, created.getSid(), acceptedAt, status);
        } catch (TwilioException e) {
            throw logged(message, TwilioErrors.classify(e, http.takeLastResponse(clock), to)
                    .forMessage(message.idempotencyKey()));
        }
    }

    private static DeliveryFailure logged(OutboundMessage message, DeliveryFailure failure) {
        log.warn("SMS not sent: customer={} idempotencyKey={} kind={} reason={} code={} retryAfter={}",
                message.customerId(), message.idempotencyKey(), failure.kind(), failure.reason(),
                failure.vendorCode(), failure.retryAfter().orElse(null));
        return failure;
    }

    /** The callback URL with the idempotency key and customer id appended as query parameters. */
    static URI withEcho(URI callback, OutboundMessage message) {
        String text = callback.toString();
        String separator = callback.getRawQuery() == null ? "?" : "&";
        return URI.create(text + separator + KEY_PARAM + "=" + encode(message.idempotencyKey()) + "&"
                + CUSTOMER_PARAM + "=" + encode(message.customerId()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
