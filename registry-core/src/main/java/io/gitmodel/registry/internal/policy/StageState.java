package io.gitmodel.registry.internal.policy;

import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.StageName;
import io.gitmodel.registry.errors.RegistryException;
import java.util.List;

/** What the rules need to know about the stages: what they hold and what they ever held. */
public interface StageState {
    /** The versions of {@code model} the stage holds, ascending; empty if none. */
    List<Integer> held(StageName stage, ModelName model) throws RegistryException;

    /** Whether the stage ever held that version (now or earlier). */
    boolean everHeld(StageName stage, ModelName model, int version) throws RegistryException;
}
