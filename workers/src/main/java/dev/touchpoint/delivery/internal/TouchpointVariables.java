package dev.touchpoint.delivery.internal;

import java.util.Map;

/**
 * The variables a touchpoint job carries (bound with {@code @VariablesAsType}; the workers fetch only these).
 *
 * @param customerId whose touchpoint this is (required)
 * @param templateVariables values the journey supplies to the template (cart, order, offer...); profile data comes from
 *     the customer context
 * @param storeId kiosk touchpoints: the store the customer is in
 * @param kioskId kiosk touchpoints: a specific kiosk, else the one nearest the customer in the store
 * @param loopCounter set by Zeebe inside a multi-instance activity
 * @param restartedFrom set on a journey restarted after the embedded engine stopped ({@code <engine>:<instance>}, a
 *     comma-separated chain): a task whose touchpoint an earlier incarnation already sent is answered from its evidence
 */
public record TouchpointVariables(
        String customerId, Map<String, Object> templateVariables, String storeId, String kioskId, Integer loopCounter,
        String restartedFrom) {

    public TouchpointVariables(String customerId, Map<String, Object> templateVariables, String storeId, String kioskId,
                               Integer loopCounter) {
        this(customerId, templateVariables, storeId, kioskId, loopCounter, null);
    }

    public TouchpointVariables {
        templateVariables = templateVariables == null ? Map.of() : templateVariables;
    }
}
