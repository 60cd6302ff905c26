package io.gitmodel.registry.internal.verify;

import io.gitmodel.registry.Finding;
import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.RequestName;
import io.gitmodel.registry.StageName;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.internal.stage.StageReader;
import io.gitmodel.registry.internal.store.RegistryLayout;
import io.gitmodel.registry.internal.store.RegistryReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Judges an incoming push before it is accepted, on a repository that already shows the pushed
 * ref values (see {@code PushVerifier}): version tags are created, never moved or deleted; the
 * registry branch and stage branches only grow; every new stage commit is a valid change under
 * the policy of its time; every new change of registry.yaml is by an admin of the policy it
 * replaces; new versions are consistent. Request branches come and go freely: a request is judged
 * when it is merged.
 */
public final class PushAudit {
    /** One ref the push changes; a zero id stands for "absent". */
    public record Update(String ref, ObjectId oldId, ObjectId newId) {
        boolean creates() {
            return oldId.equals(ObjectId.zeroId());
        }

        boolean deletes() {
            return newId.equals(ObjectId.zeroId());
        }
    }

    private final Repository repo;
    private final RegistryReader reader;
    private final ChangeJudge judge;
    private int commits;

    public PushAudit(Repository repo, RegistryReader reader, ChangeJudge judge) {
        this.repo = repo;
        this.reader = reader;
        this.judge = judge;
    }

    public List<Finding> check(List<Update> updates) throws RegistryException {
        List<Finding> out = new ArrayList<>();
        String branchRef = RegistryLayout.branchRef(reader.branch());
        Set<String> versionsToCheck = new HashSet<>();
        StageAudit stages = new StageAudit(repo, judge);
        for (Update u : updates) {
            if (u.ref().startsWith(Constants.R_TAGS)) {
                tag(u, out);
                if (u.creates()) {
                    versionsToCheck.add(u.ref());
                }
            } else if (u.ref().equals(branchRef)) {
                registryBranch(u, out);
                versionsToCheck.addAll(headVersionsTouched(u));
            } else if (u.ref().startsWith(StageReader.PREFIX)) {
                stage(u, stages, out);
            } else if (u.ref().startsWith("refs/heads/requests/")) {
                if (!u.deletes() && RequestName.ofRef(u.ref()).isEmpty()) {
                    out.add(new Finding(u.ref(), u.newId().name(), null, 0, "request", u.ref() + " is no request branch name:"
                            + " requests/<stage>/<name>@v<N>"));
                }
            } else if (u.ref().startsWith("refs/git-model/")) {
                out.add(new Finding(u.ref(), u.newId().name(), null, 0, "refs", u.ref() + " is a registry's own bookkeeping and"
                        + " is never pushed"));
            }
        }
        if (!versionsToCheck.isEmpty()) {
            new VersionAudit(repo, reader, null, io.gitmodel.registry.ProgressListener.NONE).check(out, Map.of(),
                    versionsToCheck::contains);
        }
        commits = stages.commits;
        return out;
    }

    private void tag(Update u, List<Finding> out) throws RegistryException {
        String name = u.ref().substring(Constants.R_TAGS.length());
        boolean version = name.matches(".+@v[1-9][0-9]{0,8}");
        if (!version) {
            return;
        }
        if (u.deletes()) {
            out.add(new Finding(u.ref(), u.oldId().name(), null, 0, "tag", "version tag " + name + " may not be deleted:"
                    + " versions are archived, never deleted (git-model archive)"));
        } else if (!u.creates()) {
            out.add(new Finding(u.ref(), u.newId().name(), null, 0, "tag", "version tag " + name + " may not move (from "
                    + u.oldId().abbreviate(12).name() + " to " + u.newId().abbreviate(12).name() + "): a version never changes;"
                    + " register a new one"));
        }
    }

    private void registryBranch(Update u, List<Finding> out) throws RegistryException {
        if (!grows(u, "the registry branch", out)) {
            return;
        }
        for (PolicyHistory.Change c : judge.policies().changes()) {
            if (!c.inForce() && isNew(c.commit(), u)) {
                out.add(new Finding(u.ref(), c.commit().name(), null, 0, c.policy() == null ? "registry.yaml" : "admins",
                        "commit " + c.commit().abbreviate(12).name() + " changes registry.yaml, but " + c.refusal()));
            }
        }
    }

    private void stage(Update u, StageAudit stages, List<Finding> out) throws RegistryException {
        String name = u.ref().substring(StageReader.PREFIX.length());
        if (!grows(u, "stage " + name, out)) {
            return;
        }
        StageName stage;
        try {
            stage = StageName.of(name);
        } catch (IllegalArgumentException e) {
            out.add(new Finding(u.ref(), u.newId().name(), null, 0, "declared", "stages/" + name + " is no valid stage name"));
            return;
        }
        Map<ModelName, Set<Integer>> ignored = new HashMap<>();
        stages.check(stage, u.newId(), u.creates() ? null : u.oldId(), out, ignored);
    }

    /** An append-only ref: never deleted, only fast-forwarded. */
    private boolean grows(Update u, String what, List<Finding> out) throws RegistryException {
        if (u.deletes()) {
            out.add(new Finding(u.ref(), u.oldId().name(), null, 0, "history", what + " may not be deleted: its history is the"
                    + " registry's audit trail"));
            return false;
        }
        if (u.creates()) {
            return true;
        }
        try (RevWalk walk = new RevWalk(repo)) {
            if (!walk.isMergedInto(walk.parseCommit(u.oldId()), walk.parseCommit(u.newId()))) {
                out.add(new Finding(u.ref(), u.newId().name(), null, 0, "history", what + " may not be rewritten: "
                        + u.newId().abbreviate(12).name() + " does not contain " + u.oldId().abbreviate(12).name() + ", its"
                        + " head here; pull, make your changes on top, and push without --force"));
                return false;
            }
            return true;
        } catch (IOException e) {
            throw new RegistryIOException("cannot compare " + u.ref() + " before and after the push", e);
        }
    }

    /**
     * The version tags of the versions the registry branch holds, after the push, of each model whose
     * directory it changed: each must hold exactly what its version registered.
     */
    private Set<String> headVersionsTouched(Update u) throws RegistryException {
        Set<String> tags = new HashSet<>();
        if (u.deletes()) {
            return tags;
        }
        try (RevWalk walk = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
            RevCommit after = walk.parseCommit(u.newId());
            if (u.creates()) {
                tw.addTree(new org.eclipse.jgit.treewalk.EmptyTreeIterator());
            } else {
                tw.addTree(walk.parseCommit(u.oldId()).getTree());
            }
            tw.addTree(after.getTree());
            tw.setRecursive(true);
            tw.setFilter(AndTreeFilter.create(PathFilter.create(RegistryLayout.MODELS), TreeFilter.ANY_DIFF));
            Set<String> models = new HashSet<>();
            while (tw.next()) {
                String[] parts = tw.getPathString().split("/");
                if (parts.length > 2) {
                    models.add(parts[1]);
                }
            }
            for (String model : models) {
                try {
                    ModelName name = ModelName.of(model);
                    int version = reader.numbering().currentVersion(name, after);
                    if (version > 0) {
                        tags.add(RegistryLayout.tagRef(name, version));
                    }
                } catch (IllegalArgumentException | RegistryException unreadable) {
                    // not a model directory, or unreadable: the tag check reports what matters
                }
            }
        } catch (IOException e) {
            throw new RegistryIOException("cannot compare the registry branch before and after the push", e);
        }
        return tags;
    }

    private boolean isNew(RevCommit c, Update u) throws RegistryException {
        if (u.creates()) {
            return true;
        }
        try (RevWalk walk = new RevWalk(repo)) {
            return !walk.isMergedInto(walk.parseCommit(c), walk.parseCommit(u.oldId()));
        } catch (IOException e) {
            throw new RegistryIOException("cannot read " + c.name(), e);
        }
    }

    /** Stage commits judged. */
    public int commits() {
        return commits;
    }

    /** The refs of a repository, overlaid with the updates: what it will hold if the push is accepted. */
    public static Map<String, ObjectId> after(Repository repo, List<Update> updates) throws RegistryException {
        Map<String, ObjectId> refs = new java.util.TreeMap<>();
        try {
            for (Ref r : repo.getRefDatabase().getRefs()) {
                if (!r.isSymbolic() && r.getObjectId() != null) {
                    refs.put(r.getName(), r.getObjectId());
                }
            }
        } catch (IOException e) {
            throw new RegistryIOException("cannot list the refs of " + repo.getDirectory(), e);
        }
        for (Update u : updates) {
            if (u.deletes()) {
                refs.remove(u.ref());
            } else {
                refs.put(u.ref(), u.newId());
            }
        }
        return refs;
    }
}
