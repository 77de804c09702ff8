package dev.touchpoint.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class CrossSiteRequestsTest {

    @Test
    void whatAFormCanSendWithBasicCredentialsIsRefused() {
        assertThat(CrossSiteRequests.mayBeForged(request("POST", "Basic eDp5", null, null))).isTrue();
        assertThat(CrossSiteRequests.mayBeForged(request("POST", "basic eDp5", "application/x-www-form-urlencoded", null))).isTrue();
        assertThat(CrossSiteRequests.mayBeForged(request("DELETE", "Basic eDp5", "text/plain;charset=UTF-8", null))).isTrue();
        assertThat(CrossSiteRequests.mayBeForged(request("PUT", "Basic eDp5", "multipart/form-data; boundary=x", null))).isTrue();
        assertThat(CrossSiteRequests.mayBeForged(request("POST", "Basic eDp5", "not a type", null))).isTrue();
    }

    @Test
    void programsAndNonSimpleRequestsPass() {
        assertThat(CrossSiteRequests.mayBeForged(request("POST", "Basic eDp5", null, "touchpoint-cli"))).isFalse();
        assertThat(CrossSiteRequests.mayBeForged(request("POST", "Basic eDp5", "application/json", null))).isFalse();
        assertThat(CrossSiteRequests.mayBeForged(request("POST", "Basic eDp5", "text/csv", null))).isFalse();
        assertThat(CrossSiteRequests.mayBeForged(request("GET", "Basic eDp5", null, null))).isFalse();
        assertThat(CrossSiteRequests.mayBeForged(request("POST", "Bearer abc", null, null))).isFalse();
        assertThat(CrossSiteRequests.mayBeForged(request("POST", null, "application/x-www-form-urlencoded", null))).isFalse();
    }

    private static MockHttpServletRequest request(String method, String authorization, String type, String marker) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/ledger/customers/c/erase");
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        if (type != null) {
            request.setContentType(type);
        }
        if (marker != null) {
            request.addHeader(CrossSiteRequests.HEADER, marker);
        }
        return request;
    }
}
