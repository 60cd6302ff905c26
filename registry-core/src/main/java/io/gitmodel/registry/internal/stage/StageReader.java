package io.gitmodel.registry.internal.stage;

import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.StageName;
import io.gitmodel.registry.internal.policy.StageState;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.internal.store.FirstParentChanges;
import io.gitmodel.registry.internal.store.RegistryReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** Reads stage branches {@code refs/heads/stages/<stage>}: current and past assignments, and events. */
public final class StageReader implements StageState {
    public static final String PREFIX = Constants.R_HEADS + "stages/";

    private final Repository repo;
    private final RegistryReader files;

    public StageReader(Repository repo, RegistryReader files) {
        this.repo = repo;
        this.files = files;
    }

    public static String branchRef(StageName stage) {
        return PREFIX + stage.value();
    }

    /** The stage of a stage branch ref, or empty for another ref or a branch name that is no stage name. */
    public static Optional<StageName> stageOf(String ref) {
        if (!ref.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(StageName.of(ref.substring(PREFIX.length())));
        } catch (IllegalArgumentException notAStage) {
            return Optional.empty();
        }
    }

    /** Every stage that has a branch, sorted by name. */
    public List<StageName> branches() throws RegistryException {
        List<StageName> out = new ArrayList<>();
        try {
            for (Ref r : repo.getRefDatabase().getRefsByPrefix(PREFIX)) {
                stageOf(r.getName()).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new RegistryIOException("cannot list the stage branches", e);
        }
        out.sort(null);
        return out;
    }

    @Override
    public List<Integer> held(StageName stage, ModelName model) throws RegistryException {
        return current(stage, model).map(StageFile::versions).orElse(List.of());
    }

    /** The stage branch's tip, or null if nothing was ever assigned to the stage. */
    public ObjectId head(StageName stage) throws RegistryException {
        try {
            Ref ref = repo.exactRef(branchRef(stage));
            return ref == null ? null : ref.getObjectId();
        } catch (IOException e) {
            throw new RegistryIOException("cannot read stage branch " + stage, e);
        }
    }

    /** What the stage holds of the model at a commit of its branch. */
    public Optional<StageFile> readAt(ObjectId commit, StageName stage, ModelName model) throws RegistryException {
        if (commit == null) {
            return Optional.empty();
        }
        Optional<byte[]> bytes = files.readFile(commit, StageFile.fileName(model));
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(StageFile.read(new String(bytes.get(), StandardCharsets.UTF_8),
                "stages/" + stage + ":" + StageFile.fileName(model)));
    }

    public Optional<StageFile> current(StageName stage, ModelName model) throws RegistryException {
        return readAt(head(stage), stage, model);
    }

    /**
     * The stage branch commit in force at {@code at}: the newest first-parent commit dated at or
     * before it, or null if the stage had no commit yet.
     */
    public ObjectId commitAt(StageName stage, Instant at) throws RegistryException {
        ObjectId head = head(stage);
        if (head == null) {
            return null;
        }
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setFirstParent(true);
            walk.markStart(walk.parseCommit(head));
            long seconds = at.getEpochSecond();
            for (RevCommit c : walk) {
                if (c.getCommitTime() <= seconds) {
                    return c.copy();
                }
            }
            return null;
        } catch (IOException e) {
            throw new RegistryIOException("cannot walk the history of stage " + stage, e);
        }
    }

    /** Whether the stage ever held that version of the model (now or in its history). */
    @Override
    public boolean everHeld(StageName stage, ModelName model, int version) throws RegistryException {
        return everHeldUpTo(head(stage), stage, model, version);
    }

    /** Whether the stage held that version at {@code commit} of its branch or before it (first parents). */
    public boolean everHeldUpTo(ObjectId commit, StageName stage, ModelName model, int version) throws RegistryException {
        return everHeldUpTo(commit, stage, model, version, Long.MAX_VALUE);
    }

    /** As {@link #everHeldUpTo(ObjectId, StageName, ModelName, int)}, counting only commits dated at or before {@code seconds}. */
    public boolean everHeldUpTo(ObjectId commit, StageName stage, ModelName model, int version, long seconds)
            throws RegistryException {
        if (commit == null) {
            return false;
        }
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setFirstParent(true);
            walk.setRevFilter(new FirstParentChanges(StageFile.fileName(model)));
            walk.markStart(walk.parseCommit(commit));
            for (RevCommit c : walk) {
                if (c.getCommitTime() > seconds) {
                    continue;
                }
                Optional<StageFile> f = readAt(c, stage, model);
                if (f.isPresent() && f.get().versions().contains(version)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new RegistryIOException("cannot read the history of stage " + stage, e);
        }
    }

    /** The last commit at or before {@code commit} (first parents) that changed the model's stage file, or null. */
    public ObjectId lastChange(ObjectId commit, ModelName model) throws RegistryException {
        if (commit == null) {
            return null;
        }
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setFirstParent(true);
            walk.setRevFilter(new FirstParentChanges(StageFile.fileName(model)));
            walk.markStart(walk.parseCommit(commit));
            RevCommit c = walk.next();
            return c == null ? null : c.copy();
        } catch (IOException e) {
            throw new RegistryIOException("cannot read the history of " + StageFile.fileName(model), e);
        }
    }

    /**
     * What the stage held of the model just before the change that made its holding at
     * {@code commit} (the first parent of {@link #lastChange}); empty if it held nothing then.
     */
    public List<Integer> heldBefore(ObjectId commit, StageName stage, ModelName model) throws RegistryException {
        ObjectId change = lastChange(commit, model);
        if (change == null) {
            return List.of();
        }
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit c = walk.parseCommit(change);
            if (c.getParentCount() == 0) {
                return List.of();
            }
            return readAt(c.getParent(0), stage, model).map(StageFile::versions).orElse(List.of());
        } catch (IOException e) {
            throw new RegistryIOException("cannot read the history of stage " + stage, e);
        }
    }

    /** Every model file on a stage branch at a commit. */
    public List<ModelName> modelsAt(ObjectId commit) throws RegistryException {
        List<ModelName> out = new ArrayList<>();
        if (commit == null) {
            return out;
        }
        try (RevWalk walk = new RevWalk(repo); org.eclipse.jgit.treewalk.TreeWalk tw = new org.eclipse.jgit.treewalk.TreeWalk(repo)) {
            tw.addTree(walk.parseCommit(commit).getTree());
            while (tw.next()) {
                String name = tw.getNameString();
                if (name.endsWith(".yaml")) {
                    try {
                        out.add(new ModelName(name.substring(0, name.length() - 5)));
                    } catch (IllegalArgumentException ignore) {
                        // not a model file; verify reports unexpected files
                    }
                }
            }
        } catch (IOException e) {
            throw new RegistryIOException("cannot list a stage branch tree", e);
        }
        return out;
    }
}
