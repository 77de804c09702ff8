package dev.touchpoint.context.internal;

import com.hazelcast.nio.serialization.FieldKind;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactWriter;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * Reading helpers for schema evolution: a field that an older writer did not write reads as its default, so a new
 * member can read entries and entry processors written by an older one during a rolling upgrade. Every serializer in
 * this package reads through these helpers.
 */
final class CompactFields {

    private CompactFields() {
    }

    static boolean has(CompactReader reader, String field) {
        return reader.getFieldKind(field) != FieldKind.NOT_AVAILABLE;
    }

    static String string(CompactReader reader, String field) {
        return has(reader, field) ? reader.readString(field) : null;
    }

    static boolean bool(CompactReader reader, String field, boolean fallback) {
        return has(reader, field) ? reader.readBoolean(field) : fallback;
    }

    static int int32(CompactReader reader, String field, int fallback) {
        return has(reader, field) ? reader.readInt32(field) : fallback;
    }

    static long int64(CompactReader reader, String field, long fallback) {
        return has(reader, field) ? reader.readInt64(field) : fallback;
    }

    static String[] strings(CompactReader reader, String field) {
        if (!has(reader, field)) {
            return new String[0];
        }
        String[] values = reader.readArrayOfString(field);
        return values == null ? new String[0] : values;
    }

    static int[] ints(CompactReader reader, String field) {
        if (!has(reader, field)) {
            return new int[0];
        }
        int[] values = reader.readArrayOfInt32(field);
        return values == null ? new int[0] : values;
    }

    static Instant instant(CompactReader reader, String field) {
        if (!has(reader, field)) {
            return null;
        }
        Long millis = reader.readNullableInt64(field);
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    static void instant(CompactWriter writer, String field, Instant value) {
        writer.writeNullableInt64(field, value == null ? null : value.toEpochMilli());
    }

    static Duration duration(CompactReader reader, String field, Duration fallback) {
        return has(reader, field) ? Duration.ofMillis(reader.readInt64(field)) : fallback;
    }

    static <E extends Enum<E>> E enumValue(CompactReader reader, String field, Function<String, E> parser, E fallback) {
        String name = string(reader, field);
        return name == null ? fallback : parser.apply(name);
    }

    static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    static <T> T compact(CompactReader reader, String field) {
        return has(reader, field) ? reader.readCompact(field) : null;
    }

    @SuppressWarnings("unchecked")
    static <T> T[] compacts(CompactReader reader, String field, Class<T> type) {
        if (!has(reader, field)) {
            return (T[]) java.lang.reflect.Array.newInstance(type, 0);
        }
        T[] values = reader.readArrayOfCompact(field, type);
        return values == null ? (T[]) java.lang.reflect.Array.newInstance(type, 0) : values;
    }
}
