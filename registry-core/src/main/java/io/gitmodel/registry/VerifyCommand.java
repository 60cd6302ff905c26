package io.gitmodel.registry;

import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.internal.store.RegistryStore;
import io.gitmodel.registry.internal.verify.RegistryAudit;
import java.util.Objects;

/**
 * Verifies the whole registry over its whole history against its policy, from the repository
 * alone: every change of registry.yaml signed by an admin of the policy it replaced; every stage
 * commit a valid git-model change under the policy in force when it was made (signed by an
 * allowed signer, approvals sufficient and naming the change, stage order, gates); version tags
 * on their registration commits, versions unchanged since, pointer files agreeing with
 * model.yaml, artifacts present with their sha256; no stage or registry history rewritten since
 * the last verify here. Changes nothing but the record of the heads it saw.
 */
public final class VerifyCommand extends RegistryCommand<VerifyReport> {
    private final Registry registry;
    private boolean artifacts = true;
    private ProgressListener progress = ProgressListener.NONE;

    VerifyCommand(Registry registry) {
        this.registry = registry;
    }

    /** Whether artifacts are hashed too (the default); without, only their pointers are checked. */
    public VerifyCommand artifacts(boolean check) {
        this.artifacts = check;
        return this;
    }

    /** Reports the hashing of artifacts. */
    public VerifyCommand progress(ProgressListener listener) {
        this.progress = Objects.requireNonNull(listener, "listener");
        return this;
    }

    @Override
    public VerifyReport call() throws RegistryException {
        checkCallable();
        RegistryStore store = registry.store();
        return new RegistryAudit(store.repository(), store.reader(), registry.index(), registry.queries().judge(),
                artifacts ? store.objects() : null, progress).run();
    }
}
