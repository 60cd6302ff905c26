package io.gitmodel.registry.internal.store;

import io.gitmodel.registry.errors.RegistryIOException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.BatchRefUpdate;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.ReceiveCommand;

/**
 * Publishes several refs at once with compare-and-swap: every ref must still hold the id the
 * writer read (the zero id for "must not exist"), or nothing changes. Never forces.
 */
public final class AtomicRefUpdate {
    private final Repository repo;
    private final RefUpdateHook hook;
    private final List<ReceiveCommand> commands = new ArrayList<>();

    public AtomicRefUpdate(Repository repo, RefUpdateHook hook) {
        this.repo = repo;
        this.hook = hook;
    }

    /** Moves {@code ref} from {@code expected} (null: must not exist) to {@code target}. */
    public AtomicRefUpdate set(String ref, ObjectId expected, ObjectId target) {
        ObjectId old = expected == null ? ObjectId.zeroId() : expected;
        commands.add(new ReceiveCommand(old, target, ref));
        return this;
    }

    /**
     * The outcome: all refs moved, or the first command that did not.
     *
     * @param actual for a failed update, what its ref held afterwards (null: the ref does not exist)
     */
    public record Outcome(boolean applied, ReceiveCommand failed, ObjectId actual) {
        /** The ref that did not move. */
        public String failedRef() {
            return failed.getRefName();
        }

        /** The id the writer expected the failed ref to hold, or null for "must not exist". */
        public String expected() {
            return failed.getOldId().equals(ObjectId.zeroId()) ? null : failed.getOldId().name();
        }

        /** The id the failed ref held when the update was refused, or null if it did not exist. */
        public String actualName() {
            return actual == null ? null : actual.name();
        }
    }

    /** Whether no ref is to be moved. */
    public boolean isEmpty() {
        return commands.isEmpty();
    }

    public Outcome execute(PersonIdent who, String reflogMessage) throws RegistryIOException {
        if (!repo.getRefDatabase().performsAtomicTransactions()) {
            throw new IllegalStateException("the ref database of " + repo + " cannot update refs atomically");
        }
        BatchRefUpdate batch = repo.getRefDatabase().newBatchUpdate();
        batch.setAtomic(true);
        batch.setAllowNonFastForwards(true); // stage rollbacks are CAS-checked, not ancestry-checked
        batch.setRefLogIdent(who);
        batch.setRefLogMessage(reflogMessage, false);
        batch.addCommand(commands);
        try (RevWalk walk = new RevWalk(repo)) {
            hook.beforeRefUpdate(names());
            batch.execute(walk, NullProgressMonitor.INSTANCE);
        } catch (IOException e) {
            throw new RegistryIOException("cannot update refs " + names(), e);
        }
        for (ReceiveCommand c : commands) {
            if (c.getResult() != ReceiveCommand.Result.OK) {
                ReceiveCommand cause = commands.stream()
                        .filter(x -> x.getResult() != ReceiveCommand.Result.OK
                                && x.getResult() != ReceiveCommand.Result.REJECTED_OTHER_REASON)
                        .findFirst().orElse(c);
                return new Outcome(false, cause, current(cause.getRefName()));
            }
        }
        return new Outcome(true, null, null);
    }

    private ObjectId current(String ref) throws RegistryIOException {
        try {
            var r = repo.exactRef(ref);
            return r == null ? null : r.getObjectId();
        } catch (IOException e) {
            throw new RegistryIOException("cannot read " + ref, e);
        }
    }

    private List<String> names() {
        return commands.stream().map(ReceiveCommand::getRefName).toList();
    }
}
