package io.gitmodel.registry;

import io.gitmodel.registry.errors.InvalidReferenceException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a promotion request: which version into which stage. The request for
 * {@code fraud@v2} into {@code production} lives on the branch
 * {@code refs/heads/requests/production/fraud@v2}; users name it by that branch,
 * {@code requests/production/fraud@v2}, or as {@code fraud@v2:production}.
 */
public record RequestName(StageName stage, ModelName model, int version) {
    /** Where request branches live. */
    public static final String PREFIX = "refs/heads/requests/";

    private static final Pattern BRANCH = Pattern.compile("(?:refs/heads/)?requests/([^/]+)/([^/@]+)@v([1-9][0-9]{0,8})");
    private static final Pattern SHORT = Pattern.compile("([^/@:]+)@v([1-9][0-9]{0,8}):([^/:]+)");

    public RequestName {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(model, "model");
        if (version < 1) {
            throw new InvalidReferenceException(String.valueOf(version), "a request names a version number, 1 or more");
        }
    }

    /**
     * Parses {@code requests/<stage>/<name>@v<N>} (with or without {@code refs/heads/}) or
     * {@code <name>@v<N>:<stage>}.
     *
     * @throws InvalidReferenceException if it is neither
     */
    public static RequestName parse(String text) {
        String t = text == null ? "" : text.strip();
        Matcher branch = BRANCH.matcher(t);
        Matcher shortForm = SHORT.matcher(t);
        try {
            if (branch.matches()) {
                return new RequestName(StageName.of(branch.group(1)), ModelName.of(branch.group(2)),
                        Integer.parseInt(branch.group(3)));
            }
            if (shortForm.matches()) {
                return new RequestName(StageName.of(shortForm.group(3)), ModelName.of(shortForm.group(1)),
                        Integer.parseInt(shortForm.group(2)));
            }
        } catch (IllegalArgumentException bad) {
            throw new InvalidReferenceException(t, "request \"" + ModelName.printable(t) + "\" is invalid: " + bad.getMessage());
        }
        throw new InvalidReferenceException(t, "request \"" + ModelName.printable(t) + "\" is invalid: name it by its branch,"
                + " requests/<stage>/<name>@v<N>, or as <name>@v<N>:<stage>, e.g. requests/production/fraud@v2 or"
                + " fraud@v2:production");
    }

    /** The request of a version into a stage. */
    public static RequestName of(ModelName model, int version, StageName stage) {
        return new RequestName(stage, model, version);
    }

    /** The request a branch holds (local, or a remote-tracking {@code refs/remotes/<remote>/requests/...}), if it is one. */
    public static java.util.Optional<RequestName> ofRef(String ref) {
        int at = ref.indexOf("requests/");
        if (at < 0) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(parse(ref.substring(at)));
        } catch (InvalidReferenceException notARequest) {
            return java.util.Optional.empty();
        }
    }

    /** The branch: {@code refs/heads/requests/<stage>/<name>@v<N>}. */
    public String ref() {
        return "refs/heads/" + branch();
    }

    /** The branch as users name it: {@code requests/<stage>/<name>@v<N>}. */
    public String branch() {
        return "requests/" + stage + "/" + model + "@v" + version;
    }

    /** The version requested. */
    public ModelRef modelRef() {
        return ModelRef.of(model, version);
    }

    /** {@code requests/<stage>/<name>@v<N>}. */
    @Override
    public String toString() {
        return branch();
    }
}
