package dev.touchpoint.brand.internal;

import com.github.jknack.handlebars.ValueResolver;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The only value resolver templates get: it reads map entries and list elements ({@code items.length},
 * {@code items.[0]}) and nothing else. There is no JavaBean, field or method resolution, so a template can never call
 * a Java method on a value, whatever a customer record contains.
 */
enum ModelResolver implements ValueResolver {
    INSTANCE;

    @Override
    public Object resolve(Object context, String name) {
        if (context instanceof Map<?, ?> map) {
            Object value = map.get(name);
            return value == null && !map.containsKey(name) ? UNRESOLVED : value;
        }
        if (context instanceof List<?> list) {
            if ("length".equals(name)) {
                return (long) list.size();
            }
            if (!name.isEmpty() && name.chars().allMatch(Character::isDigit) && name.length() < 10) {
                int index = Integer.parseInt(name);
                return index < list.size() ? list.get(index) : UNRESOLVED;
            }
        }
        return UNRESOLVED;
    }

    @Override
    public Object resolve(Object context) {
        return context;
    }

    @Override
    public Set<Map.Entry<String, Object>> propertySet(Object context) {
        if (context instanceof Map<?, ?> map) {
            Map<String, Object> entries = new LinkedHashMap<>();
            map.forEach((k, v) -> entries.put(String.valueOf(k), v));
            return entries.entrySet();
        }
        return Set.of();
    }
}
