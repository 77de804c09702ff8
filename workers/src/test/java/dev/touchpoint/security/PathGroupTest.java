package dev.touchpoint.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;

class PathGroupTest {

    @ParameterizedTest
    @CsvSource({
            "/api/events, EVENTS",
            "/api//events/, EVENTS",
            "/api/%65vents, EVENTS",
            "/webhooks/twilio/inbound, WEBHOOKS",
            "/webhooks/%74wilio/status, WEBHOOKS",
            "/t/o/abc.gif, TRACKING",
            "/t/c/abc, TRACKING",
            "/t/unsubscribe, UNSUBSCRIBE",
            "/t/s/abc.def/7, SURVEY",
            "/t//%73/abc.def, SURVEY",
            "/kiosk/SP-01/k1, KIOSK",
            "/kiosk/ws, KIOSK",
            "/api/customers/import, UPLOADS",
            "/api/campaigns/c-1/audience, UPLOADS",
            "/console/campaigns/cmp-1/audience, UPLOADS",
            "/console/campaigns/cmp-1/launch, OTHER",
            "/api/customers/c-1, OTHER",
            "/actuator/health, OTHER",
            "/api/eventsx, OTHER"
    })
    void requestsAreClassifiedByTheirDecodedPath(String uri, PathGroup group) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
        assertThat(PathGroup.of(request)).isEqualTo(group);
    }
}
