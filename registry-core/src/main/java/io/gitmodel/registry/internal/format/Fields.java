package io.gitmodel.registry.internal.format;

import io.gitmodel.registry.errors.CorruptMetadataException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Typed access to one YAML mapping, with errors that name the key and the file. */
final class Fields {
    private final Map<String, Object> map;
    private final String file;
    private final String where;

    Fields(Map<String, Object> map, String file) {
        this(map, file, file);
    }

    /** @param where the file and the part of it, for messages, e.g. {@code <file> (lineage)} */
    Fields(Map<String, Object> map, String file, String where) {
        this.map = map;
        this.file = file;
        this.where = where;
    }

    String file() {
        return file;
    }

    boolean has(String key) {
        return map.get(key) != null;
    }

    private CorruptMetadataException error(String key, String problem) {
        return new CorruptMetadataException(file, where + ": key '" + key + "' " + problem);
    }

    private Object required(String key) throws CorruptMetadataException {
        Object value = map.get(key);
        if (value == null) {
            throw error(key, "is missing");
        }
        return value;
    }

    String requiredString(String key) throws CorruptMetadataException {
        Object value = required(key);
        if (!(value instanceof String s)) {
            throw error(key, "must be a string, found " + describe(value));
        }
        return s;
    }

    String optionalString(String key) throws CorruptMetadataException {
        return optionalString(key, "");
    }

    String optionalString(String key, String fallback) throws CorruptMetadataException {
        String value = nullableString(key);
        return value == null ? fallback : value;
    }

    String nullableString(String key) throws CorruptMetadataException {
        Object value = map.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw error(key, "must be a string, found " + describe(value));
        }
        return s;
    }

    boolean optionalBoolean(String key) throws CorruptMetadataException {
        Object value = map.get(key);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean b)) {
            throw error(key, "must be true or false, found " + describe(value));
        }
        return b;
    }

    long requiredLong(String key) throws CorruptMetadataException {
        Object value = required(key);
        if (value instanceof Integer || value instanceof Long) {
            long l = ((Number) value).longValue();
            if (l >= 0) {
                return l;
            }
        }
        if (value instanceof BigInteger) {
            throw error(key, "is too large");
        }
        throw error(key, "must be a non-negative integer, found " + describe(value));
    }

    int requiredInt(String key) throws CorruptMetadataException {
        long l = requiredLong(key);
        if (l > Integer.MAX_VALUE) {
            throw error(key, "is too large");
        }
        return (int) l;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(String key) throws CorruptMetadataException {
        Object value = map.get(key);
        if (value == null) {
            return new LinkedHashMap<>();
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw error(key, "must be a mapping, found " + describe(value));
        }
        for (Object k : m.keySet()) {
            if (!(k instanceof String)) {
                throw error(key, "has a non-string key " + k);
            }
        }
        return new LinkedHashMap<>((Map<String, Object>) m);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> listOfMaps(String key) throws CorruptMetadataException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object item : list(key)) {
            if (!(item instanceof Map<?, ?> m) || !m.keySet().stream().allMatch(String.class::isInstance)) {
                throw error(key, "must be a list of mappings, found an item " + describe(item));
            }
            out.add((Map<String, Object>) m);
        }
        return out;
    }

    List<String> listOfStrings(String key) throws CorruptMetadataException {
        List<String> out = new ArrayList<>();
        for (Object item : list(key)) {
            if (!(item instanceof String s)) {
                throw error(key, "must be a list of strings, found an item " + describe(item));
            }
            out.add(s);
        }
        return out;
    }

    List<?> list(String key) throws CorruptMetadataException {
        Object value = map.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> l)) {
            throw error(key, "must be a list, found " + describe(value));
        }
        return l;
    }

    /** The entries whose keys are not in {@code known}, in document order. */
    Map<String, Object> unknown(Set<String> known) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (!known.contains(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof List) {
            return "a list";
        }
        String s = String.valueOf(value);
        return value.getClass().getSimpleName().toLowerCase() + " " + (s.length() > 40 ? s.substring(0, 40) + "..." : s);
    }
}
