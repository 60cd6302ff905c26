package io.gitmodel.registry;

import io.gitmodel.registry.errors.InvalidNameException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.internal.store.RegistryInitializer;
import io.gitmodel.registry.internal.store.RegistryLayout;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Creates a registry. In a new or empty directory it creates a Git repository (bare with
 * {@link #bare(boolean)}) whose registry branch is checked out. In an existing repository it only
 * adds the registry branch: the user's branches, HEAD, index and working tree are left alone.
 * Running it on a directory that is already a registry opens that registry.
 */
public final class InitCommand extends RegistryCommand<Registry> {

    private final Path directory;
    private boolean bare;
    private String branch = RegistryLayout.DEFAULT_BRANCH;
    private boolean branchChosen;
    private boolean signed = true;
    private RegistryConfig config = RegistryConfig.defaults();

    InitCommand(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
    }

    /** Creates a bare repository (no working tree) when the directory holds no repository yet. */
    public InitCommand bare(boolean bare) {
        this.bare = bare;
        return this;
    }

    /** The registry branch (default {@code main}); must be a valid Git branch name. */
    public InitCommand branch(String branch) {
        Objects.requireNonNull(branch, "branch");
        if (!RegistryLayout.isValidRegistryBranch(branch)) {
            throw new InvalidNameException(branch, "branch name \"" + ModelName.printable(branch)
                    + "\" is invalid: it must be a valid Git branch name outside stages/ and requests/");
        }
        this.branch = branch;
        this.branchChosen = true;
        return this;
    }

    /**
     * Whether stage commits must be signed (default true). {@code false} writes a policy that
     * allows unsigned stage commits, for experiments.
     */
    public InitCommand signed(boolean signed) {
        this.signed = signed;
        return this;
    }

    public InitCommand config(RegistryConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        return this;
    }

    @Override
    public Registry call() throws RegistryException {
        checkCallable();
        RegistryInitializer.Initialized created = RegistryInitializer.init(directory, bare, branch, branchChosen, signed, config,
                config.refUpdateHook());
        return Registry.wrapOwned(created.repository(), created.branch(), config);
    }
}
