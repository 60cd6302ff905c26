package io.gitmodel.registry.internal.policy.expr;

import io.gitmodel.registry.MetadataRules;
import io.gitmodel.registry.internal.policy.expr.Field.Attribute;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The names of fields in expressions: {@code metrics.auc}, {@code metrics."my key"}, {@code stage};
 * MLflow's names for the same fields; and what a mistyped name probably meant.
 */
final class FieldNames {
    private static final Map<String, String> ALIASES = Map.of("created_at", "created", "creation_time", "created",
            "creation_timestamp", "created", "timestamp", "created", "stages", "stage", "current_stage", "stage",
            "user_id", "created_by", "author", "created_by", "model_name", "name");

    private FieldNames() {
    }

    /** The field {@code word} names; an error at its column otherwise, with what was probably meant. */
    static Field resolve(Token word, Lexer lexer) {
        String head = word.value();
        if (word.key() != null) {
            Attribute keyed = keyedPrefix(head.substring(0, head.length() - 1));
            if (keyed == null) {
                throw lexer.error(word.start(), "only metrics., params. and tags. take a quoted key; " + head + " does not");
            }
            return keyed(keyed, word.key(), word, lexer);
        }
        int dot = head.indexOf('.');
        Attribute keyed = dot > 0 ? keyedPrefix(head.substring(0, dot)) : null;
        if (keyed != null) {
            return keyed(keyed, head.substring(dot + 1), word, lexer);
        }
        for (Attribute a : Attribute.values()) {
            if (!a.keyed() && a.word.equals(head)) {
                return new Field(a, null);
            }
        }
        if (keyedPrefix(head) != null) {
            throw lexer.error(word.start(), head + " needs a key, e.g. " + head + ".auc");
        }
        String suggestion = suggest(head);
        throw lexer.error(word.start(), "unknown field '" + head + "'; " + (suggestion != null ? "did you mean " + suggestion + "?"
                : "fields are " + Arrays.stream(Attribute.values()).map(a -> a.keyed() ? a.word + ".<key>" : a.word)
                        .collect(Collectors.joining(", "))));
    }

    private static Attribute keyedPrefix(String word) {
        return switch (word) {
            case "metrics" -> Attribute.METRICS;
            case "params" -> Attribute.PARAMS;
            case "tags" -> Attribute.TAGS;
            default -> null;
        };
    }

    private static Field keyed(Attribute attribute, String key, Token word, Lexer lexer) {
        try {
            MetadataRules.checkKey(attribute.word.substring(0, attribute.word.length() - 1), key);
        } catch (IllegalArgumentException e) {
            throw lexer.error(word.start(), e.getMessage());
        }
        return new Field(attribute, key);
    }

    /** The field a mistyped name probably meant, or null. */
    private static String suggest(String head) {
        String lower = head.toLowerCase(Locale.ROOT);
        int dot = lower.indexOf('.');
        if (dot > 0) {
            String prefix = lower.substring(0, dot);
            String rest = head.substring(dot + 1);
            for (Attribute a : Attribute.values()) {
                if (a.keyed() && distance(prefix, a.word) <= 2) {
                    return a.word + "." + rest; // metric.auc, tag.team, Params.lr
                }
            }
            if (prefix.startsWith("attr") && !rest.isEmpty()) { // MLflow's attributes.name
                return suggest(rest);
            }
        }
        if (ALIASES.containsKey(lower)) {
            return ALIASES.get(lower);
        }
        String best = null;
        int bestDistance = 3;
        for (Attribute a : Attribute.values()) {
            int d = a.keyed() ? Integer.MAX_VALUE : distance(lower, a.word);
            if (d < bestDistance) {
                best = a.word;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
