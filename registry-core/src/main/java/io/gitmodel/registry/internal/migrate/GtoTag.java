package io.gitmodel.registry.internal.migrate;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.ObjectId;

/**
 * One GTO tag, as GTO's documentation gives their names: {@code name@v1.2.3} registers a version,
 * {@code name@v1.2.3!#} deregisters it, {@code name@deprecated} deprecates the artifact,
 * {@code name#stage#N} (or {@code name#stage}) assigns the stage to the version registered on the
 * tagged commit, {@code name#stage!#N} unassigns it.
 *
 * @param version the semantic version ({@code v1.2.3}) for register and deregister, else null
 * @param stage   the stage for assign and unassign, else null
 * @param counter GTO's counter of the stage tag (0 for the simple notation and the other kinds)
 * @param commit  the commit the tag points at (peeled)
 * @param by      the tagger ("Name &lt;email&gt;"), or the commit's committer for a lightweight tag
 * @param when    when the tag was made: the order GTO's history has
 * @param message the tag's message, or empty
 */
public record GtoTag(Kind kind, String name, String artifact, String version, String stage, int counter, ObjectId commit,
        String by, Instant when, String message) {
    public enum Kind { REGISTER, DEREGISTER, DEPRECATE, ASSIGN, UNASSIGN }

    private static final String ARTIFACT = "(?<a>[^@#!\\s]+)";
    private static final String SEMVER = "(?<v>v\\d+\\.\\d+\\.\\d+(?:[-+][0-9A-Za-z.+-]+)?)";
    private static final Pattern REGISTER = Pattern.compile(ARTIFACT + "@" + SEMVER);
    private static final Pattern DEREGISTER = Pattern.compile(ARTIFACT + "@" + SEMVER + "!#\\d*");
    private static final Pattern DEPRECATE = Pattern.compile(ARTIFACT + "@deprecated");
    private static final Pattern ASSIGN = Pattern.compile(ARTIFACT + "#(?<s>[^#!@\\s]+)(?:#(?<n>\\d+))?");
    private static final Pattern UNASSIGN = Pattern.compile(ARTIFACT + "#(?<s>[^#!@\\s]+)!#(?<n>\\d+)");

    /** The tag's meaning, or empty for a tag that is not GTO's. */
    public static Optional<Kind> kindOf(String tag) {
        for (Kind k : Kind.values()) {
            if (pattern(k).matcher(tag).matches()) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    static Optional<GtoTag> parse(String tag, ObjectId commit, String by, Instant when, String message) {
        for (Kind k : Kind.values()) {
            Matcher m = pattern(k).matcher(tag);
            if (m.matches()) {
                String version = k == Kind.REGISTER || k == Kind.DEREGISTER ? m.group("v") : null;
                String stage = k == Kind.ASSIGN || k == Kind.UNASSIGN ? m.group("s") : null;
                int counter = (k == Kind.ASSIGN || k == Kind.UNASSIGN) && m.group("n") != null ? Integer.parseInt(m.group("n")) : 0;
                return Optional.of(new GtoTag(k, tag, m.group("a"), version, stage, counter, commit, by, when, message));
            }
        }
        return Optional.empty();
    }

    private static Pattern pattern(Kind k) {
        return switch (k) {
            case REGISTER -> REGISTER;
            case DEREGISTER -> DEREGISTER;
            case DEPRECATE -> DEPRECATE;
            case ASSIGN -> ASSIGN;
            case UNASSIGN -> UNASSIGN;
        };
    }
}
