package dev.touchpoint.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressesTest {

    @Test
    void withoutTrustedProxiesTheHeaderIsNeverRead() {
        ClientAddresses clients = new ClientAddresses(List.of());
        assertThat(clients.of(request("203.0.113.7", "198.51.100.1"))).isEqualTo("203.0.113.7");
    }

    @Test
    void fromATrustedProxyTheNearestUntrustedAddressIsTheClient() {
        ClientAddresses clients = new ClientAddresses(List.of("10.0.0.0/8", "192.0.2.10"));
        // the client may put anything on the left; the proxies append what they saw on the right
        assertThat(clients.of(request("10.1.2.3", "6.6.6.6, 198.51.100.23, 192.0.2.10"))).isEqualTo("198.51.100.23");
        assertThat(clients.of(request("10.1.2.3", "198.51.100.23"))).isEqualTo("198.51.100.23");
        assertThat(clients.of(request("10.1.2.3", null))).isEqualTo("10.1.2.3");
        assertThat(clients.of(request("10.1.2.3", "2001:db8::1"))).isEqualTo("2001:db8::1");
    }

    @Test
    void aRequestNotFromATrustedProxyIsJudgedByItsOwnAddress() {
        ClientAddresses clients = new ClientAddresses(List.of("10.0.0.0/8"));
        assertThat(clients.of(request("203.0.113.7", "10.9.9.9"))).isEqualTo("203.0.113.7");
    }

    @Test
    void garbageInTheHeaderIsOneClientAndNeverAHostNameLookUp() {
        ClientAddresses clients = new ClientAddresses(List.of("10.0.0.0/8"));
        assertThat(clients.of(request("10.1.2.3", "evil.example.com"))).isEqualTo("invalid-forwarded-for");
        assertThat(clients.of(request("10.1.2.3", "<script>"))).isEqualTo("invalid-forwarded-for");
    }

    private static MockHttpServletRequest request(String remote, String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/t/o/x.gif");
        request.setRemoteAddr(remote);
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        return request;
    }
}
