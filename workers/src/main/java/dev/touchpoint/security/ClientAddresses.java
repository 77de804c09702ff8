package dev.touchpoint.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * Who a request comes from, for rate limiting: the connection's remote address, unless that address is a configured
 * trusted proxy; then the nearest address in {@code X-Forwarded-For} (read from the right) that is not a trusted
 * proxy. Without trusted proxies the header is never read, so a client cannot choose its own identity.
 */
final class ClientAddresses {

    private static final Pattern IP = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final List<IpAddressMatcher> trusted;

    ClientAddresses(List<String> trustedProxies) {
        List<IpAddressMatcher> matchers = new ArrayList<>();
        for (String proxy : trustedProxies) {
            if (proxy != null && !proxy.isBlank()) {
                matchers.add(new IpAddressMatcher(proxy.strip()));
            }
        }
        this.trusted = List.copyOf(matchers);
    }

    String of(HttpServletRequest request) {
        String remote = request.getRemoteAddr();
        if (trusted.isEmpty() || !isTrusted(remote)) {
            return remote;
        }
        List<String> chain = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
            for (String part : header.split(",")) {
                if (!part.isBlank()) {
                    chain.add(part.strip());
                }
            }
        }
        for (int i = chain.size() - 1; i >= 0; i--) {
            String address = chain.get(i);
            if (!isTrusted(address)) {
                return IP.matcher(address).matches() ? address : "invalid-forwarded-for";
            }
        }
        return chain.isEmpty() ? remote : chain.get(0);
    }

    private boolean isTrusted(String address) {
        if (address == null || !IP.matcher(address).matches()) {
            return false; // never a host name: no DNS look-up for a header value
        }
        for (IpAddressMatcher matcher : trusted) {
            try {
                if (matcher.matches(address)) {
                    return true;
                }
            } catch (IllegalArgumentException notAnAddress) {
                return false;
            }
        }
        return false;
    }
}
