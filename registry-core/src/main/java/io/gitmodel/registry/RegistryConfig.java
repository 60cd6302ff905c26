package io.gitmodel.registry;

import io.gitmodel.registry.internal.store.RefUpdateHook;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link Registry} talks to its surroundings: the clock, the environment variables it
 * reads Git configuration through ({@code HOME}, {@code XDG_CONFIG_HOME},
 * {@code GIT_CONFIG_GLOBAL}, {@code GIT_CONFIG_NOSYSTEM}, {@code GIT_AUTHOR_NAME}, …), an identity
 * that overrides Git's, and the directory whose Git repository is recorded as a version's source
 * code. Immutable; make one with {@link #builder()}. Tests inject a fixed clock and an isolated
 * environment here instead of touching globals.
 */
public final class RegistryConfig {
    private final Clock clock;
    private final Map<String, String> environment;
    private final Person identity;
    private final Path sourceDirectory;
    private final boolean captureSource;
    private final int maxAttempts;
    private final RefUpdateHook refUpdateHook;
    private final boolean readUnverified;

    private RegistryConfig(Builder b) {
        this.clock = b.clock;
        this.environment = Map.copyOf(b.environment);
        this.identity = b.identity;
        this.sourceDirectory = b.sourceDirectory;
        this.captureSource = b.captureSource;
        this.maxAttempts = b.maxAttempts;
        this.refUpdateHook = b.refUpdateHook;
        this.readUnverified = b.readUnverified;
    }

    /** The defaults: system clock (UTC), the process environment, Git's identity, source from the working directory. */
    public static RegistryConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Clock clock() {
        return clock;
    }

    /** The environment variables Git configuration and identity are read through. */
    public Map<String, String> environment() {
        return environment;
    }

    /** An identity that overrides Git's {@code user.name}/{@code user.email}, if set. */
    public Optional<Person> identity() {
        return Optional.ofNullable(identity);
    }

    /** Where registration looks for the training code's Git repository. */
    public Path sourceDirectory() {
        return sourceDirectory;
    }

    /** Whether registration records the source code's repository, commit and dirty flag automatically. */
    public boolean captureSource() {
        return captureSource;
    }

    /** How many times a lost compare-and-swap race is retried on fresh state before giving up. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * Whether reads that name a stage answer even when the stage change they answer from breaks the
     * policy (logged as a warning). Off by default: reads fail closed. For forensics only.
     */
    public boolean readUnverified() {
        return readUnverified;
    }

    /** The fault-injection seam between "objects written" and "refs moved"; tests only. */
    RefUpdateHook refUpdateHook() {
        return refUpdateHook;
    }

    /** A builder that starts from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.clock = clock;
        b.environment = environment;
        b.identity = identity;
        b.sourceDirectory = sourceDirectory;
        b.captureSource = captureSource;
        b.maxAttempts = maxAttempts;
        b.refUpdateHook = refUpdateHook;
        b.readUnverified = readUnverified;
        return b;
    }

    /** Builds a {@link RegistryConfig}; each setter validates its argument. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Map<String, String> environment = System.getenv();
        private Person identity;
        private Path sourceDirectory = Path.of("").toAbsolutePath();
        private boolean captureSource = true;
        private int maxAttempts = 200;
        private RefUpdateHook refUpdateHook = RefUpdateHook.NONE;
        private boolean readUnverified;

        private Builder() {
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder environment(Map<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        public Builder identity(Person identity) {
            this.identity = identity;
            return this;
        }

        public Builder sourceDirectory(Path directory) {
            this.sourceDirectory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
            return this;
        }

        public Builder captureSource(boolean capture) {
            this.captureSource = capture;
            return this;
        }

        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, got " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * Lets reads that name a stage answer from a stage change that breaks the policy, with a
         * warning, instead of refusing (for forensics: what does the tampered stage say?).
         */
        public Builder readUnverified(boolean read) {
            this.readUnverified = read;
            return this;
        }

        /** Runs {@code hook} after each write stored its objects and before it moves refs; tests inject faults with it. */
        Builder refUpdateHook(RefUpdateHook hook) {
            this.refUpdateHook = Objects.requireNonNull(hook, "hook");
            return this;
        }

        public RegistryConfig build() {
            return new RegistryConfig(this);
        }
    }
}
