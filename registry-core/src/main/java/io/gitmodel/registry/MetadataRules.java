package io.gitmodel.registry;

import io.gitmodel.registry.errors.InvalidNameException;
import io.gitmodel.registry.errors.InvalidValueException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.regex.Pattern;

/** The rules for metric, parameter and tag keys and values, in one place. */
public final class MetadataRules {
    /** Longest key of a metric, parameter or tag. */
    public static final int MAX_KEY_LENGTH = 128;
    /** Longest string value of a parameter or tag, and longest description. */
    public static final int MAX_TEXT_LENGTH = 65_536;

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:/-]{0," + (MAX_KEY_LENGTH - 1) + "}");

    private MetadataRules() {
    }

    /** Checks a metric, parameter or tag key; {@code kind} names which for the message. */
    public static String checkKey(String kind, String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            String shown = key == null ? "null" : ModelName.printable(key);
            throw new InvalidNameException(key, kind + " name \"" + shown + "\" is invalid: must be 1-" + MAX_KEY_LENGTH
                    + " characters of A-Z, a-z, 0-9, '_', '.', ':', '/', '-', not starting with a punctuation character");
        }
        return key;
    }

    /** Checks a metric: a finite number. */
    public static double checkMetric(String key, Object value) {
        checkKey("metric", key);
        if (!(value instanceof Number number) || value instanceof BigDecimal && !isFiniteDouble((BigDecimal) value)) {
            throw new InvalidValueException("metric \"" + key + "\" must be a number, got " + described(value));
        }
        double d = number.doubleValue();
        if (!Double.isFinite(d)) {
            throw new InvalidValueException("metric \"" + key + "\" must be a finite number, got " + d);
        }
        return d == 0.0 ? 0.0 : d; // normalise -0.0
    }

    private static boolean isFiniteDouble(BigDecimal value) {
        return Double.isFinite(value.doubleValue());
    }

    /**
     * Checks a parameter and returns its canonical form: a {@link String}, {@link Boolean},
     * {@link Long} or finite {@link Double}.
     */
    public static Object checkParam(String key, Object value) {
        checkKey("parameter", key);
        if (value instanceof String s) {
            return checkText("parameter \"" + key + "\"", s);
        }
        if (value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            if (big.bitLength() < 64) {
                return big.longValue();
            }
            throw new InvalidValueException("parameter \"" + key + "\" = " + big + " does not fit in 64 bits; pass it as a string");
        }
        if (value instanceof Float || value instanceof Double || value instanceof BigDecimal) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new InvalidValueException("parameter \"" + key + "\" must be finite, got " + d);
            }
            return d;
        }
        throw new InvalidValueException("parameter \"" + key + "\" must be a scalar (string, number or boolean), got "
                + described(value));
    }

    /** Checks a tag: a string. */
    public static String checkTag(String key, Object value) {
        checkKey("tag", key);
        if (!(value instanceof String s)) {
            throw new InvalidValueException("tag \"" + key + "\" must be a string, got " + described(value));
        }
        return checkText("tag \"" + key + "\"", s);
    }

    /** Checks free text: bounded length, no NUL or other control characters except tab and newline. */
    public static String checkText(String what, String text) {
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new InvalidValueException(what + " is " + text.length() + " characters long; the limit is " + MAX_TEXT_LENGTH);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
                throw new InvalidValueException(what + " contains control character U+" + String.format("%04X", (int) c));
            }
        }
        return text;
    }

    /**
     * Checks the value of an extension key and returns its canonical form: plain data that
     * model.yaml can hold and read back as it was written: text, booleans, whole numbers (as
     * {@link Long}), finite decimals (as {@link Double}), lists and string-keyed maps of these,
     * nested at most 16 deep. Anything else (a date, an object, a NaN) is refused, naming the key.
     */
    public static Object checkExtension(String key, Object value) {
        checkKey("extension", key);
        return plain(key, value, 0);
    }

    private static Object plain(String key, Object value, int depth) {
        if (depth > 16) {
            throw new InvalidValueException("extension \"" + key + "\" is nested more than 16 levels deep");
        }
        if (value instanceof String || value instanceof Boolean) {
            return value instanceof String s ? checkText("extension \"" + key + "\"", s) : value;
        }
        if (value instanceof Number) {
            Object number = checkParam(key, value); // Long or finite Double, else a clear error
            if (number instanceof String) {
                throw new InvalidValueException("extension \"" + key + "\" must be plain data");
            }
            return number;
        }
        if (value instanceof java.util.List<?> list) {
            java.util.List<Object> out = new java.util.ArrayList<>();
            for (Object o : list) {
                out.add(plain(key, java.util.Objects.requireNonNull(o, "extension " + key + " holds null"), depth + 1));
            }
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String k)) {
                    throw new InvalidValueException("extension \"" + key + "\" has a map key that is not text: " + e.getKey());
                }
                out.put(checkText("a key of extension \"" + key + "\"", k),
                        plain(key, java.util.Objects.requireNonNull(e.getValue(), "extension " + key + " holds null"), depth + 1));
            }
            return out;
        }
        throw new InvalidValueException("extension \"" + key + "\" must be plain data (text, a boolean, a number, a list or a"
                + " map), got " + described(value));
    }

    static void checkAll(Map<String, Double> metrics, Map<String, Object> params, Map<String, String> tags) {
        metrics.forEach(MetadataRules::checkMetric);
        params.forEach(MetadataRules::checkParam);
        tags.forEach(MetadataRules::checkTag);
    }

    /** A value as its writer would name it (YAML, JSON, the command line), not as a Java type. */
    static String described(Object value) {
        if (value == null) {
            return "nothing (null)";
        }
        if (value instanceof CharSequence text) {
            return "the text \"" + shorten(text) + "\"";
        }
        if (value instanceof Boolean b) {
            return "the boolean " + b;
        }
        if (value instanceof Map<?, ?>) {
            return "a map " + shorten(value);
        }
        if (value instanceof Iterable<?> || value.getClass().isArray()) {
            return "a list " + shorten(value);
        }
        return shorten(value);
    }

    private static String shorten(Object value) {
        String s = String.valueOf(value);
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
