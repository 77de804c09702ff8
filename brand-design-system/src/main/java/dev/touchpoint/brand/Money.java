package dev.touchpoint.brand;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount in a currency, the Java form of a {@code money} variable. Variables may also be passed as a map
 * {@code {"amount": "59.90", "currency": "EUR"}} (how they arrive from JSON process variables).
 */
public record Money(BigDecimal amount, Currency currency) {

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
    }

    public static Money of(String amount, String currencyCode) {
        return new Money(new BigDecimal(amount), Currency.getInstance(currencyCode));
    }
}
