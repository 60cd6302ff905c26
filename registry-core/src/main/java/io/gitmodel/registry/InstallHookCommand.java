package io.gitmodel.registry;

import io.gitmodel.registry.errors.InvalidInputException;
import io.gitmodel.registry.errors.RegistryConfigurationException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Installs the pre-receive hook of a shared registry: git runs it on every push, before any ref
 * moves, and it runs {@code git-model verify --pre-receive}, which rejects a push that breaks the
 * policy with the reason for the pusher. So the rules hold where the team's repository lives,
 * whoever pushes and with whatever client.
 */
public final class InstallHookCommand extends RegistryCommand<Path> {
    /** Marks a hook as git-model's, so installing again replaces it but never someone else's. */
    static final String MARK = "# installed by git-model install-hook";

    private final Path repository;
    private List<String> command;
    private boolean force;

    InstallHookCommand(Path repository) {
        this.repository = Objects.requireNonNull(repository, "repository");
    }

    /**
     * The command the hook runs, given the pushed refs on its standard input, e.g.
     * {@code [/usr/bin/java, -jar, /opt/git-model.jar, verify, --pre-receive]}.
     */
    public InstallHookCommand command(List<String> command) {
        if (command == null || command.isEmpty() || command.stream().anyMatch(a -> a == null || a.indexOf('\n') >= 0)) {
            throw new InvalidInputException("the hook's command is a non-empty list of one-line arguments");
        }
        this.command = List.copyOf(command);
        return this;
    }

    /** Replaces a pre-receive hook that git-model did not install. */
    public InstallHookCommand force(boolean force) {
        this.force = force;
        return this;
    }

    /** @return the hook file written */
    @Override
    public Path call() throws RegistryException {
        checkCallable();
        if (command == null) {
            throw new InvalidInputException("say which command the hook runs (InstallHookCommand.command)");
        }
        try (Registry registry = Registry.open(repository)) {
            Path gitDir = registry.gitDirectory();
            Path hook = gitDir.resolve("hooks").resolve("pre-receive");
            if (Files.exists(hook) && !force && !Files.readString(hook, StandardCharsets.UTF_8).contains(MARK)) {
                throw new RegistryConfigurationException(hook + " exists and git-model did not install it; to replace it, use --force"
                        + " (or call git-model verify --pre-receive from it, passing its standard input)");
            }
            List<String> quoted = new ArrayList<>();
            command.forEach(a -> quoted.add("'" + a.replace("'", "'\\''") + "'"));
            String script = "#!/bin/sh\n" + MARK + "\n# Judges every push against registry.yaml before any ref moves; a push that"
                    + " breaks the policy\n# is rejected with the reason. Pushed refs arrive on standard input.\nexec "
                    + String.join(" ", quoted) + "\n";
            Files.createDirectories(hook.getParent());
            Path temp = Files.createTempFile(hook.getParent(), "pre-receive", ".tmp");
            Files.writeString(temp, script, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(temp, hook, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return hook;
        } catch (IOException e) {
            throw new RegistryIOException("cannot install the pre-receive hook in " + repository, e);
        }
    }
}
