package dev.touchpoint.brand.internal;

import com.github.jknack.handlebars.Context;
import com.github.jknack.handlebars.Formatter;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Options;
import com.github.jknack.handlebars.Template;
import dev.touchpoint.brand.Money;
import dev.touchpoint.brand.internal.html.HtmlEntities;
import dev.touchpoint.brand.tokens.DesignToken;
import dev.touchpoint.brand.tokens.TokenType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.FormatStyle;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The helpers templates may call. All of them are pure functions of their arguments and the {@link RenderScope}; none
 * reaches the file system, the network or Java objects.
 *
 * <ul>
 *   <li>{@code {{t "key"}}}, {@code {{t "key" name=value}}}: a localised message (brand messages start with
 *       {@code brand.}); messages are plain text, escaped as a whole in HTML, line breaks become {@code <br>}</li>
 *   <li>{@code {{plural count "cart.items"}}}: {@code cart.items.one}/{@code .other}/... by CLDR plural rules</li>
 *   <li>{@code {{token "color.light.text"}}}: a token's CSS value; {@code {{tokenVar "color.text"}}}: its
 *       {@code var(--tp-...)}; {@code {{typographyVars "typography.body"}}}; {@code {{cssCustomProperties}}}</li>
 *   <li>{@code {{uri "asset.logo.email"}}}: a uri token; {@code {{dataUri "asset.logo.file"}}}: a bundled file as a
 *       data URI</li>
 *   <li>{@code {{urlEncode value}}}: a value as one URL component (for deep links and query strings)</li>
 *   <li>{@code {{formatDate d style="long"}}}, {@code {{formatTime t}}}, {@code {{formatDateTime t}}},
 *       {@code {{formatNumber n}}}, {@code {{formatMoney m}}}, {@code {{formatPercent p}}}: locale-aware</li>
 * </ul>
 */
final class Helpers {

    /** Built-in Handlebars.java helpers templates must not use: they log data, or emit or run JavaScript. */
    static final Set<String> FORBIDDEN = Set.of("log", "precompile", "embedded", "i18n", "i18nJs");

    /** Our helpers (for linting templates). */
    static final Set<String> NAMES = Set.of("t", "plural", "token", "tokenVar", "typographyVars",
            "cssCustomProperties", "uri", "dataUri", "formatDate", "formatTime", "formatDateTime", "formatNumber",
            "formatMoney", "formatPercent", "urlEncode");

    private Helpers() {
    }

    /** A variable a template prints does not exist. */
    static final class MissingValueException extends RuntimeException {
        final String name;

        MissingValueException(String name) {
            super("'" + name + "' is not defined (not a declared variable that was supplied, nor a helper)");
            this.name = name;
        }
    }

    static void register(Handlebars handlebars, boolean html) {
        handlebars.registerHelperMissing((context, options) -> {
            throw new MissingValueException(options.helperName);
        });
        for (String name : FORBIDDEN) {
            handlebars.registerHelper(name, (context, options) -> {
                throw new IllegalStateException("helper '" + name + "' is not allowed in templates");
            });
        }
        handlebars.registerHelper("t", (Object key, Options options) -> {
            RenderScope scope = scope(options);
            return out(message(scope, String.valueOf(key), options.context, options.hash), html);
        });
        handlebars.registerHelper("plural", (Object count, Options options) -> {
            RenderScope scope = scope(options);
            if (!(count instanceof Number)) {
                throw new IllegalArgumentException("plural needs a number, got " + describe(count));
            }
            String base = options.param(0);
            BigDecimal number = new BigDecimal(count.toString());
            String key = base + "." + PluralRules.category(scope.messageLocale, number);
            if (!scope.hasMessage(key)) {
                key = base + ".other";
            }
            Map<String, Object> hash = new LinkedHashMap<>(options.hash);
            hash.putIfAbsent("count", count);
            return out(message(scope, key, options.context, hash), html);
        });
        handlebars.registerHelper("token", (Object path, Options options) -> {
            String css = scope(options).brand.tokens().css(String.valueOf(path));
            // Token CSS values were checked at load time to contain no HTML-significant characters.
            return html ? new Handlebars.SafeString(css) : css;
        });
        handlebars.registerHelper("tokenVar", (Object path, Options options) ->
                new Handlebars.SafeString(scope(options).brand.tokens().cssVar(String.valueOf(path))));
        handlebars.registerHelper("typographyVars", (Object path, Options options) ->
                new Handlebars.SafeString(scope(options).brand.tokens().typographyVars(String.valueOf(path))));
        handlebars.registerHelper("cssCustomProperties", (Object selector, Options options) -> {
            String sel = selector instanceof String s && s.matches("[.#]?[a-z][a-z0-9-]*") ? s : ".tp-kiosk";
            return new Handlebars.SafeString(scope(options).brand.tokens().customPropertiesCss(sel));
        });
        handlebars.registerHelper("uri", (Object path, Options options) -> {
            DesignToken token = scope(options).brand.tokens().get(String.valueOf(path));
            if (token.type() != TokenType.URI) {
                throw new IllegalArgumentException("token " + path + " is not a uri token");
            }
            return token.value();
        });
        // Data URIs are "data:<mime>;base64,<base64>": no character that needs escaping in an attribute.
        handlebars.registerHelper("dataUri", (Object path, Options options) ->
                new Handlebars.SafeString(scope(options).brand.dataUri(String.valueOf(path))));
        handlebars.registerHelper("urlEncode", (Object value, Options options) -> {
            if (value == null) {
                throw new IllegalArgumentException("urlEncode needs a value");
            }
            return java.net.URLEncoder.encode(String.valueOf(value), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20");
        });
        handlebars.registerHelper("formatDate", (Object value, Options options) -> {
            RenderScope scope = scope(options);
            FormatStyle style = style(options.hash("style", "long"));
            if (!(value instanceof LocalDate) && !(value instanceof ZonedDateTime)) {
                throw new IllegalArgumentException("formatDate needs a date or datetime, got " + describe(value));
            }
            return scope.forChannel(Formats.date(style, scope.formatLocale).format((TemporalAccessor) value));
        });
        handlebars.registerHelper("formatTime", (Object value, Options options) -> {
            RenderScope scope = scope(options);
            if (!(value instanceof ZonedDateTime time)) {
                throw new IllegalArgumentException("formatTime needs a datetime, got " + describe(value));
            }
            FormatStyle style = style(options.hash("style", "short"));
            return scope.forChannel(Formats.time(style == FormatStyle.FULL || style == FormatStyle.LONG
                    ? FormatStyle.MEDIUM : style, scope.formatLocale).format(time));
        });
        handlebars.registerHelper("formatDateTime", (Object value, Options options) -> {
            RenderScope scope = scope(options);
            if (!(value instanceof ZonedDateTime time)) {
                throw new IllegalArgumentException("formatDateTime needs a datetime, got " + describe(value));
            }
            FormatStyle date = style(options.hash("dateStyle", "medium"));
            FormatStyle timeStyle = style(options.hash("timeStyle", "short"));
            if (timeStyle == FormatStyle.FULL || timeStyle == FormatStyle.LONG) {
                timeStyle = FormatStyle.MEDIUM;
            }
            return scope.forChannel(Formats.dateTime(date, timeStyle, scope.formatLocale).format(time));
        });
        handlebars.registerHelper("formatNumber", (Object value, Options options) -> {
            RenderScope scope = scope(options);
            if (!(value instanceof Number number)) {
                throw new IllegalArgumentException("formatNumber needs a number, got " + describe(value));
            }
            NumberFormat format = Formats.number(scope.formatLocale);
            Object min = options.hash("minimumFractionDigits");
            Object max = options.hash("maximumFractionDigits");
            if (min instanceof Number n) {
                format.setMinimumFractionDigits(n.intValue());
            }
            if (max instanceof Number n) {
                format.setMaximumFractionDigits(n.intValue());
            }
            return scope.forChannel(format.format(new BigDecimal(number.toString())));
        });
        handlebars.registerHelper("formatMoney", (Object value, Options options) -> {
            RenderScope scope = scope(options);
            if (!(value instanceof Money money)) {
                throw new IllegalArgumentException("formatMoney needs a money value, got " + describe(value));
            }
            return scope.forChannel(Formats.currency(scope.formatLocale, money.currency()).format(money.amount()));
        });
        handlebars.registerHelper("formatPercent", (Object value, Options options) -> {
            RenderScope scope = scope(options);
            if (!(value instanceof Number number)) {
                throw new IllegalArgumentException("formatPercent needs a number, got " + describe(value));
            }
            NumberFormat format = Formats.percent(scope.formatLocale);
            return scope.forChannel(format.format(new BigDecimal(number.toString()).movePointLeft(2)));
        });
    }

    static RenderScope scope(Options options) {
        RenderScope scope = options.data(RenderScope.KEY);
        if (scope == null) {
            throw new IllegalStateException("template rendered outside of BrandDesignSystem");
        }
        return scope;
    }

    /** Renders a message in the current context (plus the given hash values) as plain text. */
    static String message(RenderScope scope, String key, Context context, Map<String, Object> hash) {
        Template template = scope.message(key);
        scope.enterMessage(key);
        try {
            Context messageContext = hash.isEmpty() ? context : Context.newContext(context, hash);
            return template.apply(messageContext);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            scope.exitMessage();
        }
    }

    private static Object out(String text, boolean html) {
        if (!html) {
            return text;
        }
        return new Handlebars.SafeString(HtmlEntities.escape(text).replace("\n", "<br>\n"));
    }

    private static FormatStyle style(Object name) {
        return switch (String.valueOf(name).toLowerCase(Locale.ROOT)) {
            case "short" -> FormatStyle.SHORT;
            case "medium" -> FormatStyle.MEDIUM;
            case "long" -> FormatStyle.LONG;
            case "full" -> FormatStyle.FULL;
            default -> throw new IllegalArgumentException("style must be short, medium, long or full, got " + name);
        };
    }

    private static String describe(Object value) {
        return value == null ? "nothing (is the variable missing?)" : "a " + value.getClass().getSimpleName();
    }

    /**
     * Refuses to print values that need a helper (dates, money, decimals) or that are not scalars (lists, objects),
     * so a template can never print {@code [a, b]} or {@code {amount=...}} or an unformatted date.
     */
    static final Formatter OUTPUT_GUARD = (value, next) -> {
        if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
            throw new IllegalArgumentException("a template printed an object or list; print one of its fields or"
                    + " use #each");
        }
        if (value instanceof Money) {
            throw new IllegalArgumentException("print money with {{formatMoney value}}");
        }
        if (value instanceof TemporalAccessor) {
            throw new IllegalArgumentException("print dates with {{formatDate value}} or {{formatDateTime value}}");
        }
        if (value instanceof BigDecimal) {
            throw new IllegalArgumentException("print decimals with {{formatNumber value}}");
        }
        return next.format(value);
    };
}
