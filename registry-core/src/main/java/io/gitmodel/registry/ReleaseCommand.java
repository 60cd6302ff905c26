package io.gitmodel.registry;

import io.gitmodel.registry.errors.InvalidValueException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.internal.policy.StageChangeRequest;
import io.gitmodel.registry.internal.policy.StageChangeRequest.Subject;
import io.gitmodel.registry.internal.policy.Transitions;
import io.gitmodel.registry.internal.stage.StageMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Promotes several models to one stage in ONE commit: all of them change together or none does.
 * For models that must move in step (a ranker and the embedding model it was trained on). Every
 * version is checked against the stage's rules before anything is written.
 */
public final class ReleaseCommand extends StageChangeCommand<ReleaseCommand> {
    private final List<ModelRef> refs;

    ReleaseCommand(Registry registry, StageName stage, List<String> refs) {
        super(registry, stage, EventAction.RELEASE);
        if (refs.isEmpty()) {
            throw new InvalidValueException("a release needs at least one version");
        }
        Set<ModelName> seen = new HashSet<>();
        List<ModelRef> parsed = new ArrayList<>();
        for (String r : refs) {
            ModelRef ref = ModelRef.parse(r);
            if (!seen.add(ref.name())) {
                throw new InvalidValueException("a release names model " + ref.name() + " twice; a stage holds one version per model");
            }
            parsed.add(ref);
        }
        this.refs = List.copyOf(parsed);
    }

    @Override
    Plan plan(Context c) throws RegistryException {
        List<Subject> subjects = new ArrayList<>();
        List<Move> moves = new ArrayList<>();
        for (ModelRef r : refs) {
            ModelVersion v = registry.resolve(r);
            List<Integer> before = c.held(v.name());
            subjects.add(Subject.entering(v));
            moves.add(new Move(v.name(), Transitions.after(EventAction.RELEASE, false, before, v.version()),
                    new StageMessage.Entry(v.name(), v.version(), before.isEmpty() ? 0 : before.get(0))));
        }
        return new Plan(new StageChangeRequest(EventAction.RELEASE, stage, subjects, c.signed()), moves);
    }
}
