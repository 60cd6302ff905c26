package io.gitmodel.registry;

import io.gitmodel.registry.errors.InvalidInputException;
import io.gitmodel.registry.errors.InvalidReferenceException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reference to a model version, in the syntax every command accepts:
 * <ul>
 *   <li>{@code fraud@v3}: version 3 ({@link Exact});</li>
 *   <li>{@code fraud@latest}: the newest version ({@link Latest});</li>
 *   <li>{@code fraud@production}: what the stage holds now ({@link Stage});</li>
 *   <li>{@code fraud@production~2026-03-14T10:00Z}: what the stage held at that instant.</li>
 * </ul>
 * {@link #parse(String)} and {@link #toString()} round-trip; {@code toString} is canonical
 * (instants are printed in UTC with seconds).
 */
public record ModelRef(ModelName name, Selector selector) {

    /** What part of a model's history a reference selects. */
    public sealed interface Selector permits Exact, Latest, Stage {
    }

    /** One version by number. */
    public record Exact(int version) implements Selector {
        public Exact {
            if (version < 1) {
                throw new InvalidReferenceException("v" + version, "version number " + version + " is invalid: versions start at 1");
            }
        }

        @Override
        public String toString() {
            return "v" + version;
        }
    }

    /** The newest registered version. */
    public record Latest() implements Selector {
        @Override
        public String toString() {
            return LATEST;
        }
    }

    /** The version a stage holds now ({@code at == null}) or held at an instant. */
    public record Stage(StageName stage, Instant at) implements Selector {
        public Stage {
            Objects.requireNonNull(stage, "stage");
        }

        @Override
        public String toString() {
            return at == null ? stage.value() : stage + "~" + at;
        }
    }

    private static final String LATEST = "latest";
    private static final Pattern VERSION = Pattern.compile("v([1-9][0-9]{0,8})");
    private static final Pattern REF = Pattern.compile("([^@~]+)@([^~]+)(?:~(.+))?");

    public ModelRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(selector, "selector");
    }

    /** A reference to version {@code version} of {@code name}. */
    public static ModelRef of(ModelName name, int version) {
        return new ModelRef(name, new Exact(version));
    }

    /** A reference to the newest version of {@code name}. */
    public static ModelRef latest(ModelName name) {
        return new ModelRef(name, new Latest());
    }

    /**
     * Parses a reference.
     *
     * @throws InvalidReferenceException if the syntax is wrong; {@link io.gitmodel.registry.errors.InvalidNameException}
     *     if the model name breaks the naming rules
     */
    public static ModelRef parse(String text) {
        Objects.requireNonNull(text, "reference");
        Matcher m = REF.matcher(text);
        if (!m.matches()) {
            throw new InvalidReferenceException(text, "reference \"" + ModelName.printable(text)
                    + "\" is invalid: expected <name>@v<N>, <name>@latest, <name>@<stage> or <name>@<stage>~<instant>");
        }
        ModelName name;
        try {
            name = new ModelName(m.group(1));
        } catch (InvalidInputException e) {
            throw new InvalidReferenceException(text, "reference \"" + ModelName.printable(text) + "\" is invalid: " + e.getMessage());
        }
        String selector = m.group(2);
        String instant = m.group(3);
        Matcher version = VERSION.matcher(selector);
        if (instant == null && version.matches()) {
            return new ModelRef(name, new Exact(Integer.parseInt(version.group(1))));
        }
        if (selector.matches("v-?[0-9]+")) {
            throw new InvalidReferenceException(text, "reference \"" + ModelName.printable(text)
                    + "\" is invalid: version numbers start at 1 and have no leading zeros"
                    + (instant == null ? "" : ", and a version takes no ~<instant>"));
        }
        if (instant == null && selector.equals(LATEST)) {
            return new ModelRef(name, new Latest());
        }
        try {
            return new ModelRef(name, new Stage(StageName.of(selector), instant == null ? null : parseInstant(instant)));
        } catch (InvalidInputException e) {
            throw new InvalidReferenceException(text, "reference \"" + ModelName.printable(text) + "\" is invalid: "
                    + e.getMessage());
        }
    }

    /**
     * Parses an ISO-8601 instant: a date-time with an offset ({@code 2026-03-14T10:00Z},
     * {@code 2026-03-14T11:00:00+01:00}) or a date, meaning its start in UTC.
     */
    public static Instant parseInstant(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                throw new InvalidReferenceException(text, "instant \"" + ModelName.printable(text)
                        + "\" is invalid: expected ISO-8601 with an offset, e.g. 2026-03-14T10:00Z, or a date, e.g. 2026-03-14");
            }
        }
    }

    /** The version number if this reference names one exactly. */
    public boolean isExact() {
        return selector instanceof Exact;
    }

    @Override
    public String toString() {
        return name + "@" + selector;
    }
}
