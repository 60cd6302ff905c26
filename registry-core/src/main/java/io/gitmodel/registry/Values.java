package io.gitmodel.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deep immutable copies of the plain YAML trees kept in {@code extensions}. */
final class Values {
    private Values() {
    }

    @SuppressWarnings("unchecked")
    static <V> Map<String, V> immutableTree(Map<String, V> map) {
        Map<String, V> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, (V) immutable(v)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object immutable(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, immutable(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(immutable(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
