package dev.touchpoint.brand;

import java.util.Locale;

/**
 * The legal category of a touchpoint. Marketing messages carry opt-out wording (SMS) and {@code List-Unsubscribe} data
 * (email); transactional messages do not.
 */
public enum Category {
    MARKETING,
    TRANSACTIONAL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Category fromId(String id) {
        for (Category category : values()) {
            if (category.id().equalsIgnoreCase(id == null ? "" : id.trim())) {
                return category;
            }
        }
        throw new IllegalArgumentException("Unknown category '" + id + "'; expected marketing or transactional");
    }
}
