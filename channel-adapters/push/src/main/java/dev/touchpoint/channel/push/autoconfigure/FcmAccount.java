package dev.touchpoint.channel.push.autoconfigure;

import dev.touchpoint.channel.push.FcmCredentials;
import java.net.URI;
import java.net.http.HttpClient;

/**
 * The FCM connection the push channel uses, resolved at start-up: the configured service account, or the sandbox's.
 *
 * @param mode        FCM or the sandbox
 * @param credentials the service account and project
 * @param apiBaseUrl  where sends go
 * @param http        the client for sends and token requests
 */
public record FcmAccount(PushChannelMode mode, FcmCredentials credentials, URI apiBaseUrl, HttpClient http) {

    @Override
    public String toString() {
        return "FcmAccount[mode=" + mode + ", " + credentials + ", apiBaseUrl=" + apiBaseUrl + "]";
    }
}
