package io.gitmodel.registry;

import io.gitmodel.registry.errors.InvalidInputException;
import io.gitmodel.registry.errors.InvalidValueException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.SigningException;
import io.gitmodel.registry.errors.TransportException;
import io.gitmodel.registry.internal.stage.StageMessage;
import io.gitmodel.registry.internal.stage.StageIntegrator.ReplayEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Makes local stage changes again on top of the remote's stage history after a pull: each event
 * goes through the ordinary command (rules re-checked, signed with the local key, compare-and-swap),
 * with the versions renumbered by the pull already translated. An event whose effect the stage
 * already shows is skipped. A rollback is made again as a promotion of the version it rolled
 * back to: "the previous version" may be another one on the remote's history.
 */
final class StageReplayer {
    private final Registry registry;
    private final String remote;

    StageReplayer(Registry registry, String remote) {
        this.registry = registry;
        this.remote = remote;
    }

    /** Replays every event in order; stops at the first that no longer applies. */
    List<String> replay(List<ReplayEvent> events) throws RegistryException {
        List<String> done = new ArrayList<>();
        for (ReplayEvent r : events) {
            try {
                replayOne(r.stage(), r.event()).ifPresent(done::add);
            } catch (RegistryException | InvalidInputException e) {
                java.util.Set<String> kept = new java.util.TreeSet<>();
                events.forEach(event -> kept.add(event.keptAt()));
                String why = e instanceof io.gitmodel.registry.errors.RegistryIOException || e instanceof SigningException
                        ? "could not be made again: " : "no longer applies on top of it: ";
                throw new TransportException(remote, "pulled " + remote + ", but the local change '" + subject(r.event())
                        + "' " + why + e.getMessage() + ". Made again before it: "
                        + (done.isEmpty() ? "none" : String.join("; ", done)) + ". The stage history from before the pull"
                        + " is kept at " + String.join(", ", kept) + " (git log <ref>); make the remaining changes again"
                        + " with git-model promote/demote/archive/restore/release", e);
            }
        }
        return done;
    }

    private Optional<String> replayOne(StageName stage, StageMessage e) throws RegistryException {
        StageMessage.Entry first = e.entries().get(0);
        StageChange change;
        switch (e.action()) {
            case PROMOTE, ROLLBACK -> {
                if (holds(stage, first.model(), first.version())) {
                    return Optional.empty();
                }
                String reason = e.action() == EventAction.ROLLBACK ? e.reason() + " (rollback made again as a promotion)" : e.reason();
                change = withApprovals(registry.promote(ref(first.model(), first.version()), stage.value()), e).reason(reason).call();
            }
            case DEMOTE -> {
                if (!holds(stage, first.model(), first.previousVersion())) {
                    return Optional.empty();
                }
                change = withApprovals(registry.demote(ref(first.model(), first.previousVersion()), stage.value()), e)
                        .reason(e.reason()).call();
            }
            case ARCHIVE -> {
                if (holds(stage, first.model(), first.version())) {
                    return Optional.empty();
                }
                change = withApprovals(registry.archive(ref(first.model(), first.version())), e).reason(e.reason()).call();
            }
            case RESTORE -> {
                if (!holds(stage, first.model(), first.previousVersion())) {
                    return Optional.empty();
                }
                change = withApprovals(registry.restore(ref(first.model(), first.previousVersion())), e).reason(e.reason()).call();
            }
            case RELEASE -> {
                List<String> refs = new ArrayList<>();
                boolean all = true;
                for (StageMessage.Entry entry : e.entries()) {
                    refs.add(ref(entry.model(), entry.version()));
                    all &= holds(stage, entry.model(), entry.version());
                }
                if (all) {
                    return Optional.empty();
                }
                change = withApprovals(registry.release(stage.value(), refs), e).reason(e.reason()).call();
            }
            default -> throw new InvalidValueException("unknown stage action '" + e.action() + "'");
        }
        return Optional.of(subject(e) + " (" + change.commit().substring(0, 12) + ")");
    }

    private static <C extends StageChangeCommand<C>> C withApprovals(C command, StageMessage e) {
        e.approvedBy().forEach(command::approvedBy);
        return command;
    }

    private boolean holds(StageName stage, ModelName model, int version) throws RegistryException {
        return version > 0 && registry.queries().stages().held(stage, model).contains(version);
    }

    private static String ref(ModelName model, int version) {
        return model + "@v" + version;
    }

    private static String subject(StageMessage e) {
        return e.format().lines().findFirst().orElse(e.action().word());
    }
}
