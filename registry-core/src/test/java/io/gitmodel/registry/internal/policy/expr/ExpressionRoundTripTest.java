package io.gitmodel.registry.internal.policy.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property: for random well-formed expressions (random fields, operators, values, quoting, case,
 * spacing and nesting), parse then toString then parse gives an equal expression, the canonical
 * form is a fixed point, and both evaluate the same on every fixture. Seeded, so a failure repeats.
 */
class ExpressionRoundTripTest {
    private static final List<Subject> SUBJECTS = List.of(Fixtures.fullSubject(), Fixtures.bareSubject(),
            Fixtures.with(java.util.Map.of("epochs", "20", "flag", false), java.util.Map.of("team", "it's", "g", "2")));
    private static final String[] ORDER = {"=", "==", "!=", "<>", "<", "<=", ">", ">="};
    private static final String[] EQUALITY = {"=", "==", "!=", "<>"};
    private static final String[] TEXTS = {"fraud", "adam", "it's", "say \"hi\"", "", "50% off", "a_b", "2", "0.87", "été",
        "\\", "x y"};
    private static final String[] KEYS = {"auc", "loss", "epochs", "team", "a.b", "x:y/z-1", "_k", "generation", "note"};

    private final Random random = new Random(20260314);

    @Test
    void parsePrintParseIsTheIdentity() {
        for (int i = 0; i < 3000; i++) {
            String source = expression(3);
            Expression parsed = Expression.parse(source);
            String canonical = parsed.toString();
            Expression again = Expression.parse(canonical);
            assertEquals(parsed, again, source);
            assertEquals(canonical, again.toString(), "the canonical form is a fixed point: " + source);
            for (Subject s : SUBJECTS) {
                assertEquals(parsed.test(s), again.test(s), source + " on " + s.version().ref());
                assertEquals(parsed.explain(s).isPresent(), !parsed.test(s), source);
            }
        }
    }

    @Test
    void numbersPrintAsTheyReadBack() {
        for (int i = 0; i < 5000; i++) {
            double d = switch (i % 4) {
                case 0 -> random.nextDouble();
                case 1 -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20);
                case 2 -> random.nextInt(2_000_000) - 1_000_000;
                default -> Double.longBitsToDouble(random.nextLong());
            };
            if (!Double.isFinite(d)) {
                continue;
            }
            String canonical = Values.canonical(d);
            assertTrue(Values.isDecimal(canonical), canonical);
            assertEquals(d == 0 ? 0.0 : d, Double.parseDouble(canonical), canonical);
        }
    }

    private String expression(int depth) {
        int choice = depth == 0 ? 0 : random.nextInt(6);
        return switch (choice) {
            case 0, 1, 2 -> condition();
            case 3 -> keyword("NOT") + " " + (random.nextBoolean() ? expression(depth - 1) : "(" + expression(depth - 1) + ")");
            case 4 -> group(expression(depth - 1)) + " " + keyword("AND") + " " + group(expression(depth - 1));
            default -> group(expression(depth - 1)) + " " + keyword("OR") + " " + group(expression(depth - 1));
        };
    }

    private String group(String e) {
        return random.nextInt(3) == 0 ? "(" + space() + e + space() + ")" : e;
    }

    private String condition() {
        String field;
        return switch (random.nextInt(12)) {
            case 0 -> key("metrics") + space() + pick(ORDER) + space() + number();
            case 1 -> key("params") + " " + pick(ORDER) + " " + number();
            case 2 -> key(random.nextBoolean() ? "params" : "tags") + " " + pick(EQUALITY) + " "
                    + (random.nextBoolean() ? string(pick(TEXTS)) : random.nextBoolean() ? number() : keyword("true"));
            case 3 -> key("tags") + " " + keyword(pick(new String[] {"LIKE", "ILIKE", "NOT LIKE", "NOT ILIKE"})) + " "
                    + string(pattern());
            case 4 -> {
                field = pick(new String[] {"metrics", "params", "tags"});
                yield key(field) + " " + keyword(random.nextBoolean() ? "IN" : "NOT IN") + " (" + number() + ", "
                        + (field.equals("metrics") || random.nextBoolean() ? number() : string(pick(TEXTS))) + ")";
            }
            case 5 -> {
                field = pick(new String[] {"metrics", "params", "tags"});
                yield key(field) + " " + keyword(random.nextBoolean() ? "IS NULL" : "IS NOT NULL");
            }
            case 6 -> pick(new String[] {"stage", "lineage.datasets", "lineage.parents", "artifacts", "lineage.datasets.digest"})
                    + " " + pick(new String[] {"=", "!="}) + " " + (random.nextBoolean() ? "[]" : "'production'");
            case 7 -> "stage " + keyword(random.nextBoolean() ? "IN" : "NOT IN") + " ('staging', 'production')";
            case 8 -> "created " + pick(ORDER) + " " + string(pick(new String[] {"2026-01-01", "2026-03-14T10:00:00Z",
                "2026-03-14T11:00+01:00"}));
            case 9 -> pick(new String[] {"source.dirty", "model_card"}) + " " + pick(EQUALITY) + " "
                    + keyword(random.nextBoolean() ? "true" : "false");
            case 10 -> pick(new String[] {"version", "artifacts.count", "artifacts.size"}) + " " + pick(ORDER) + " " + number();
            default -> pick(new String[] {"name", "created_by", "description", "source.repository", "source.commit"}) + " "
                    + pick(EQUALITY) + " " + string(pick(TEXTS));
        };
    }

    private String key(String prefix) {
        String key = pick(KEYS);
        return switch (random.nextInt(4)) {
            case 0 -> prefix + ".\"" + key + "\"";
            case 1 -> prefix + ".`" + key + "`";
            default -> prefix + "." + key;
        };
    }

    private String number() {
        return switch (random.nextInt(6)) {
            case 0 -> Integer.toString(random.nextInt(200) - 100);
            case 1 -> String.format(java.util.Locale.ROOT, "%.3f", random.nextDouble());
            case 2 -> "." + random.nextInt(100);
            case 3 -> random.nextInt(9) + 1 + "e-" + random.nextInt(5);
            case 4 -> "+" + random.nextInt(10) + "." + random.nextInt(10) + "E" + random.nextInt(3);
            default -> Double.toString(random.nextGaussian());
        };
    }

    private String pattern() {
        StringBuilder p = new StringBuilder();
        String[] parts = {"%", "_", "a", "\\%", "\\_", "\\\\", ".", "*", "é", "'", "[", "fr"};
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            p.append(pick(parts));
        }
        return p.toString();
    }

    private String string(String s) {
        return random.nextBoolean() ? "'" + s.replace("'", "''") + "'" : "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private String keyword(String k) {
        return switch (random.nextInt(3)) {
            case 0 -> k.toLowerCase(java.util.Locale.ROOT);
            case 1 -> k;
            default -> k.charAt(0) + k.substring(1).toLowerCase(java.util.Locale.ROOT);
        };
    }

    private String space() {
        return random.nextBoolean() ? "" : random.nextBoolean() ? " " : "\t ";
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }
}
