package io.gitmodel.cli;

import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.StageRules;
import io.gitmodel.registry.errors.ModelNotFoundException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.StageNotFoundException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * "Did you mean ...?" for a model or stage name the registry does not have: the library's message
 * says what exists, this adds the closest name, as the corrected reference the user typed
 * ({@code fraud@prodution} gives {@code did you mean fraud@production?}). Commands and options are
 * picocli's to suggest (see {@link Errors}). Runs only on the error path: it opens the registry
 * again to read the names.
 */
final class Suggestions {
    private Suggestions() {
    }

    /** {@code ; did you mean X?} for an unknown model or stage, or "" when nothing is close. */
    static String forMissing(RegistryException e, GitModelCommand root, List<String> args) {
        try {
            if (e instanceof ModelNotFoundException m) {
                List<String> models = new ArrayList<>();
                try (Registry registry = root.openRegistry()) {
                    for (ModelName name : registry.models()) {
                        models.add(name.value());
                    }
                }
                return phrase(m.model(), closest(m.model(), models), args, true);
            }
            if (e instanceof StageNotFoundException s) {
                List<String> stages = new ArrayList<>();
                try (Registry registry = root.openRegistry()) {
                    for (StageRules rules : registry.policy().stages()) {
                        stages.add(rules.name().value());
                    }
                }
                if (args.stream().anyMatch(a -> a.contains("@" + s.stage()))) {
                    stages.add("latest"); // fraud@lates: a reference's selector
                }
                return phrase(s.stage(), closest(s.stage(), stages), args, false);
            }
        } catch (RegistryException | RuntimeException ignored) {
            // no suggestion then: the error itself is what matters
        }
        return "";
    }

    /** The message's tail: the corrected argument when the name was part of one, else the name. */
    private static String phrase(String typed, List<String> best, List<String> args, boolean model) {
        if (best.isEmpty()) {
            return "";
        }
        List<String> shown = new ArrayList<>();
        for (String candidate : best) {
            shown.add(corrected(typed, candidate, args, model));
        }
        return shown.size() == 1 ? "; did you mean " + shown.get(0) + "?"
            : "; did you mean one of " + String.join(", ", shown) + "?";
    }

    /** fraudd@v2 with fraud: fraud@v2; fraud@prodution~2026-03-14 with production: fraud@production~2026-03-14. */
    private static String corrected(String typed, String candidate, List<String> args, boolean model) {
        for (String arg : args) {
            if (model && (arg.equals(typed) || arg.startsWith(typed + "@"))) {
                return candidate + arg.substring(typed.length());
            }
            int at = arg.indexOf('@');
            if (!model && at >= 0 && arg.startsWith(typed, at + 1)) {
                String rest = arg.substring(at + 1 + typed.length());
                if (rest.isEmpty() || rest.startsWith("~")) {
                    return arg.substring(0, at + 1) + candidate + rest;
                }
            }
        }
        return candidate;
    }

    /**
     * The candidates nearest to {@code typed} by edit distance (insertions, deletions,
     * substitutions, transpositions), if near enough to be a typo: at most a third of the length
     * (leading dashes of options aside), and none for a single letter.
     */
    static List<String> closest(String typed, Collection<String> candidates) {
        String t = bare(typed);
        int limit = t.length() < 2 ? 0 : Math.max(1, t.length() / 3);
        int best = Integer.MAX_VALUE;
        List<String> result = new ArrayList<>();
        for (String candidate : candidates) {
            int d = distance(t, bare(candidate));
            if (d > limit || d > best || candidate.equals(typed)) {
                continue;
            }
            if (d < best) {
                best = d;
                result.clear();
            }
            if (!result.contains(candidate)) {
                result.add(candidate);
            }
        }
        return result;
    }

    private static String bare(String name) {
        int i = 0;
        while (i < name.length() - 1 && name.charAt(i) == '-') {
            i++;
        }
        return name.substring(i).toLowerCase(Locale.ROOT);
    }

    /** Optimal string alignment distance. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
