package io.gitmodel.registry;

import io.gitmodel.registry.errors.InvalidInputException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.internal.store.RepositoryOpener;
import io.gitmodel.registry.internal.verify.ProposedState;
import io.gitmodel.registry.internal.verify.PushAudit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * Judges a push to a registry before it is accepted: what a server's pre-receive hook runs
 * ({@code git-model verify --pre-receive}). Version tags are created, never moved or deleted; the
 * registry branch and stage branches only grow; every new stage commit is a valid change under
 * the policy of its time (signed by an allowed signer, approvals through a merged request, stage
 * order, gates); every new change of registry.yaml is signed by an admin of the policy it
 * replaces; new versions agree with their pointers. Request branches and approvals are accepted:
 * a request is judged when it is merged. The repository is not changed.
 */
public final class VerifyPushCommand extends RegistryCommand<VerifyReport> {
    private final Path gitDirectory;
    private final List<PushAudit.Update> updates = new ArrayList<>();
    private RegistryConfig config = RegistryConfig.defaults();

    VerifyPushCommand(Path gitDirectory) {
        this.gitDirectory = Objects.requireNonNull(gitDirectory, "gitDirectory");
    }

    /**
     * One ref the push changes, as git gives it to a pre-receive hook: old and new ids, 40 zeros
     * for "absent".
     */
    public VerifyPushCommand update(String ref, String oldId, String newId) {
        try {
            updates.add(new PushAudit.Update(Objects.requireNonNull(ref, "ref"), ObjectId.fromString(oldId),
                    ObjectId.fromString(newId)));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException("a pushed ref update is \"<old-id> <new-id> <ref>\" with 40-hex ids; got " + oldId
                    + " " + newId + " " + ref);
        }
        return this;
    }

    /** The configuration (its environment carries git's quarantine variables). */
    public VerifyPushCommand config(RegistryConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        return this;
    }

    @Override
    public VerifyReport call() throws RegistryException {
        checkCallable();
        try (Repository real = RepositoryOpener.open(gitDirectory)) {
            Map<String, ObjectId> after = PushAudit.after(real, updates);
            try (ProposedState proposed = ProposedState.of(real, after, config.environment());
                    Registry registry = Registry.wrap(proposed.repository(), config)) {
                PushAudit audit = new PushAudit(proposed.repository(), registry.store().reader(),
                        registry.queries().judge().forPushAt(registry.store().now()));
                List<Finding> findings = audit.check(updates);
                return new VerifyReport(findings, audit.commits(), 0, 0, 0, 0);
            }
        }
    }
}
