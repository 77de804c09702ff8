package dev.touchpoint.campaign;

import dev.touchpoint.context.ConsentRecord;
import dev.touchpoint.context.ConsentStatus;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.CustomerContext;
import dev.touchpoint.context.CustomerProfile;
import dev.touchpoint.context.Purpose;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Who a filter campaign addresses; every given criterion must hold (empty lists match everyone).
 *
 * @param locales    language tags; a customer matches when their locale equals one or starts with it ({@code de} matches {@code de-AT})
 * @param tiers      loyalty tiers
 * @param stores     home stores
 * @param consent    channels on which the customer must have granted marketing consent (any one of them)
 * @param attributes attribute predicates
 */
public record AudienceFilter(List<String> locales, List<String> tiers, List<String> stores, List<Channel> consent,
                             List<AttributePredicate> attributes) {

    public AudienceFilter {
        locales = locales == null ? List.of() : List.copyOf(locales);
        tiers = tiers == null ? List.of() : List.copyOf(tiers);
        stores = stores == null ? List.of() : List.copyOf(stores);
        consent = consent == null ? List.of() : List.copyOf(consent);
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }

    /**
     * One attribute test.
     *
     * @param name  attribute name
     * @param op    EQ, NE, IN (value is a comma-separated list), EXISTS, ABSENT, GT, LT (numeric)
     * @param value the operand (not used by EXISTS/ABSENT)
     */
    public record AttributePredicate(String name, Op op, String value) {
        public enum Op { EQ, NE, IN, EXISTS, ABSENT, GT, LT }

        public AttributePredicate {
            Objects.requireNonNull(name, "name");
            op = op == null ? Op.EQ : op;
        }

        boolean test(CustomerProfile profile) {
            String actual = profile.attributes().get(name);
            return switch (op) {
                case EXISTS -> actual != null;
                case ABSENT -> actual == null;
                case EQ -> Objects.equals(actual, value);
                case NE -> !Objects.equals(actual, value);
                case IN -> actual != null && value != null && List.of(value.split("\\s*,\\s*")).contains(actual);
                case GT, LT -> compare(actual, value, op);
            };
        }

        private static boolean compare(String actual, String value, Op op) {
            try {
                int c = Double.compare(Double.parseDouble(actual), Double.parseDouble(value));
                return op == Op.GT ? c > 0 : c < 0;
            } catch (NullPointerException | NumberFormatException e) {
                return false;
            }
        }
    }

    public boolean matches(CustomerContext context) {
        CustomerProfile profile = context.profile();
        if (!locales.isEmpty()) {
            String tag = profile.locale() == null ? "" : profile.locale().toLanguageTag().toLowerCase(Locale.ROOT);
            if (locales.stream().map(l -> l.toLowerCase(Locale.ROOT)).noneMatch(l -> tag.equals(l) || tag.startsWith(l + "-"))) {
                return false;
            }
        }
        if (!tiers.isEmpty() && (profile.loyaltyTier() == null || !tiers.contains(profile.loyaltyTier()))) {
            return false;
        }
        if (!stores.isEmpty() && (profile.homeStore() == null || !stores.contains(profile.homeStore()))) {
            return false;
        }
        if (!consent.isEmpty() && consent.stream().noneMatch(channel -> context.consent(channel, Purpose.MARKETING)
                .map(ConsentRecord::status).orElse(null) == ConsentStatus.GRANTED)) {
            return false;
        }
        return attributes.stream().allMatch(p -> p.test(profile));
    }
}
