package io.gitmodel.registry.internal.verify;

import io.gitmodel.registry.Artifact;
import io.gitmodel.registry.Finding;
import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.ProgressListener;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.internal.lfs.LfsObjectStore;
import io.gitmodel.registry.internal.format.DeletedYaml;
import io.gitmodel.registry.internal.format.ModelYaml;
import io.gitmodel.registry.internal.format.SafeYaml;
import io.gitmodel.registry.internal.lfs.LfsPointer;
import io.gitmodel.registry.internal.store.RegistryLayout;
import io.gitmodel.registry.internal.store.RegistryReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Checks the versions of a registry: each version tag is the annotated tag git-model made, on the
 * registration commit of that version (a tag moved to another commit, or one outside the registry
 * branch, is found), its model.yaml reads and agrees with its pointer files, the registry branch
 * still holds what was registered (model.yaml edited after registration is found), a staged
 * version still has its tag, and each artifact is in the local store with its sha256.
 */
final class VersionAudit {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(VersionAudit.class);
    private final Repository repo;
    private final RegistryReader reader;
    private final LfsObjectStore objects;
    private final ProgressListener progress;
    private final Map<String, String> checkedObjects = new HashMap<>();
    /** Every commit of the registry branch: a version tag must point at one. */
    private final Set<ObjectId> onBranch = new HashSet<>();
    /** Per model, the model.yaml the registry branch holds now and the version it describes (0: none or unreadable). */
    private final Map<ModelName, Current> current = new HashMap<>();

    private record Current(ObjectId blob, int version) {
    }

    /** Asked of the tag filter: is the whole registry being checked (then remote copies of tags are compared too)? */
    static final String ALL = "*";
    int versions;
    int artifacts;
    long artifactBytes;

    /** Told each version read from Git (the index's documents are compared with them). */
    java.util.function.Consumer<ModelVersion> readVersions = v -> { };

    /** @param objects the artifact store to check, or null to skip artifacts */
    VersionAudit(Repository repo, RegistryReader reader, LfsObjectStore objects, ProgressListener progress) {
        this.repo = repo;
        this.reader = reader;
        this.objects = objects;
        this.progress = progress;
    }

    /** @param staged every version ever held by a stage, per model: their tags may never go */
    void check(List<Finding> out, Map<ModelName, Set<Integer>> staged) throws RegistryException {
        check(out, staged, ref -> true);
    }

    /** As {@link #check(List, Map)}, for the version tags {@code which} accepts (a push checks those it creates). */
    void check(List<Finding> out, Map<ModelName, Set<Integer>> staged, java.util.function.Predicate<String> which)
            throws RegistryException {
        ObjectId head = reader.head();
        Map<ModelName, TreeMap<Integer, ObjectId>> byModel = new TreeMap<>();
        try (RevWalk walk = new RevWalk(repo)) {
            if (head != null) {
                walk.markStart(walk.parseCommit(head));
                for (RevCommit c : walk) {
                    onBranch.add(c.copy());
                }
                walk.reset();
            }
            for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
                String name = ref.getName().substring(Constants.R_TAGS.length());
                int at = name.lastIndexOf("@v");
                if (at <= 0 || !RegistryLayout.isVersionNumber(name.substring(at + 2))) {
                    continue; // not a version tag
                }
                ModelName model;
                try {
                    model = ModelName.of(name.substring(0, at));
                } catch (IllegalArgumentException e) {
                    out.add(tagFinding(ref.getName(), "", null, 0, "version tag " + name + " names no valid model: "
                            + e.getMessage()));
                    continue;
                }
                int version = Integer.parseInt(name.substring(at + 2));
                byModel.computeIfAbsent(model, m -> new TreeMap<>()).put(version, ref.getObjectId());
                if (which.test(ref.getName())) {
                    checkVersion(walk, head, ref, model, version, out);
                }
            }
            for (Map.Entry<ModelName, Set<Integer>> e : staged.entrySet()) {
                TreeMap<Integer, ObjectId> tags = byModel.getOrDefault(e.getKey(), new TreeMap<>());
                for (int version : e.getValue()) {
                    if (!tags.containsKey(version)) {
                        out.add(tagFinding(RegistryLayout.tagRef(e.getKey(), version), "", e.getKey(), version, "version tag "
                                + RegistryLayout.tagName(e.getKey(), version) + " is gone, but the version was in a stage:"
                                + " staged versions are archived, never deleted. Restore the tag from a clone or a backup"
                                + " (git fetch <remote> tag " + RegistryLayout.tagName(e.getKey(), version) + ")"));
                    }
                }
            }
            if (which.test(ALL)) {
                checkRemoteCopies(out);
                if (head != null) {
                    deletedStayDeleted(head, byModel, out);
                }
            }
        } catch (IOException e) {
            throw new RegistryIOException("cannot read the version tags", e);
        }
    }

    private void checkVersion(RevWalk walk, ObjectId head, Ref ref, ModelName model, int version, List<Finding> out)
            throws IOException, RegistryException {
        versions++;
        String tagName = RegistryLayout.tagName(model, version);
        RevObject target = walk.parseAny(ref.getObjectId());
        if (!(target instanceof RevTag tag) || !tag.getTagName().equals(tagName)) {
            out.add(tagFinding(ref.getName(), ref.getObjectId().name(), model, version, "version tag " + tagName + " is not the"
                    + " annotated tag git-model makes (" + (target instanceof RevTag t ? "it is named " + t.getTagName()
                            : "a lightweight tag") + "): it was made or replaced by hand"));
            if (!(target instanceof RevTag)) {
                return;
            }
        }
        RevObject peeled = walk.peel(target);
        if (!(peeled instanceof RevCommit commit)) {
            out.add(tagFinding(ref.getName(), peeled.name(), model, version, "version tag " + tagName + " does not point at a"
                    + " commit"));
            return;
        }
        if (!onBranch.contains(commit)) {
            out.add(tagFinding(ref.getName(), commit.name(), model, version, "version tag " + tagName + " points at commit "
                    + commit.abbreviate(12).name() + ", which is not on the registry branch " + reader.branch()
                    + ": it was moved, or the branch was rewritten"));
            return;
        }
        ModelVersion v;
        try {
            v = reader.readAt(model, version, commit);
        } catch (RegistryException e) {
            int registered = versionAt(commit, model);
            out.add(registered > 0 && registered != version
                    ? tagFinding(ref.getName(), commit.name(), model, version, "version tag " + tagName + " points at commit "
                            + commit.abbreviate(12).name() + ", which registered " + model + "@v" + registered + ": the tag was"
                            + " moved; versions never move")
                    : finding(ref.getName(), commit.name(), model, version, "metadata", e.getMessage()));
            return;
        }
        readVersions.accept(v);
        registrationCommit(walk, ref, commit, model, version, out);
        pointers(walk, commit, v, ref.getName(), out);
        unchangedSinceRegistration(walk, head, commit, v, out);
        if (objects != null) {
            for (Artifact a : v.artifacts()) {
                artifact(v, a, ref.getName(), out);
            }
        }
    }

    /** The tag is on the commit that registered the version: its first parent held another version (or none). */
    private void registrationCommit(RevWalk walk, Ref ref, RevCommit commit, ModelName model, int version, List<Finding> out)
            throws IOException {
        if (commit.getParentCount() == 0) {
            return;
        }
        RevCommit parent = walk.parseCommit(commit.getParent(0));
        try {
            ModelVersion before = reader.readAt(model, version, parent);
            out.add(tagFinding(ref.getName(), commit.name(), model, version, "version tag " + before.name() + "@v" + version
                    + " points at commit " + commit.abbreviate(12).name() + ", but the version was registered before it (its"
                    + " parent " + parent.abbreviate(12).name() + " already holds it): the tag was moved; versions never"
                    + " change after registration"));
        } catch (RegistryException notThere) {
            // the parent holds another version, or none: this is the registration commit
        }
    }

    /** Each artifact of model.yaml has its pointer file with the same oid and size, and there are no others. */
    private void pointers(RevWalk walk, RevCommit commit, ModelVersion v, String ref, List<Finding> out) throws IOException {
        Map<String, Artifact> expected = new HashMap<>();
        v.artifacts().forEach(a -> expected.put(RegistryLayout.artifactFile(v.name(), a.path()), a));
        String dir = RegistryLayout.modelDir(v.name()) + "/artifacts/";
        Set<String> seen = new HashSet<>();
        try (TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(commit.getTree());
            tw.setRecursive(true);
            tw.setFilter(org.eclipse.jgit.treewalk.filter.PathFilter.create(dir.substring(0, dir.length() - 1)));
            while (tw.next()) {
                String path = tw.getPathString();
                Artifact a = expected.get(path);
                if (a == null) {
                    out.add(finding(ref, commit.name(), v.name(), v.version(), "pointer", path + " is in the commit of "
                            + v.ref() + " but model.yaml lists no such artifact"));
                    continue;
                }
                seen.add(path);
                byte[] bytes = repo.open(tw.getObjectId(0)).getCachedBytes(1024);
                var pointer = LfsPointer.parse(bytes);
                if (pointer.isEmpty() || !pointer.get().oid().equals(a.oid()) || pointer.get().size() != a.size()) {
                    out.add(finding(ref, commit.name(), v.name(), v.version(), "pointer", path + " of " + v.ref() + " is "
                            + (pointer.isEmpty() ? "not a Git LFS pointer" : "a pointer to " + pointer.get().oid().prefixed()
                                    + " (" + pointer.get().size() + " bytes)") + ", but model.yaml says " + a.oid().prefixed()
                            + " (" + a.size() + " bytes)"));
                }
            }
        }
        for (Map.Entry<String, Artifact> e : expected.entrySet()) {
            if (!seen.contains(e.getKey())) {
                out.add(finding(ref, commit.name(), v.name(), v.version(), "pointer", "model.yaml of " + v.ref() + " lists "
                        + e.getValue().path() + " but its commit has no pointer file " + e.getKey()));
            }
        }
    }

    /**
     * A version's directory on the registry branch is changed only by the next registration: if the
     * branch still holds this version, it holds it exactly as registered (metadata edited later,
     * a gate passed by a metric typed in afterwards, is found here).
     */
    private void unchangedSinceRegistration(RevWalk walk, ObjectId head, RevCommit commit, ModelVersion v, List<Finding> out)
            throws IOException {
        RevCommit tip = walk.parseCommit(head);
        String path = RegistryLayout.modelYaml(v.name());
        Current now = current.get(v.name());
        if (now == null) {
            ObjectId blob = blob(tip, path);
            int version = versionAt(tip, v.name());
            now = new Current(blob, version);
            current.put(v.name(), now);
        }
        if (now.version() != v.version() || now.blob().equals(blob(commit, path))) {
            return;
        }
        out.add(finding(RegistryLayout.branchRef(reader.branch()), tip.name(), v.name(), v.version(), "registered", path
                + " on the registry branch differs from what " + v.ref() + " registered (commit " + commit.abbreviate(12).name()
                + "): it was edited afterwards. A version never changes; register a new one"));
    }

    /** The version the model.yaml at a commit describes; 0 if none or unreadable. */
    private int versionAt(RevCommit commit, ModelName model) throws IOException {
        String path = RegistryLayout.modelYaml(model);
        ObjectId blob = blob(commit, path);
        if (blob == null) {
            return 0;
        }
        try {
            return ModelYaml.read(new String(repo.open(blob).getCachedBytes(4 * SafeYaml.MAX_CHARS), StandardCharsets.UTF_8),
                    commit.name() + ":" + path, commit.name()).version();
        } catch (RegistryException unreadable) {
            return 0;
        }
    }

    private ObjectId blob(RevCommit c, String path) throws IOException {
        try (TreeWalk tw = TreeWalk.forPath(repo, path, c.getTree())) {
            return tw == null ? null : tw.getObjectId(0);
        }
    }

    /** The artifact is in the local store, and its bytes hash to its sha256 (each object hashed once). */
    private void artifact(ModelVersion v, Artifact a, String ref, List<Finding> out) {
        artifacts++;
        String what = v.ref() + ":" + a.path();
        String known = checkedObjects.get(a.oid().hex());
        if (known == null) {
            known = hash(a, what);
            checkedObjects.put(a.oid().hex(), known);
            if (known.isEmpty()) {
                artifactBytes += a.size();
            }
        }
        if (!known.isEmpty()) {
            out.add(finding(ref, v.commit(), v.name(), v.version(), "artifact", what + " " + known));
        }
    }

    /** Empty if the object is present and intact; else what is wrong and what to do. */
    private String hash(Artifact a, String what) {
        try (InputStream in = objects.open(a.oid(), a.size(), what)) {
            byte[] buffer = new byte[1 << 16];
            long done = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                done += n;
                progress.update("verifying " + what, done, a.size());
            }
            return "";
        } catch (io.gitmodel.registry.errors.ArtifactMissingException e) {
            return "is not in the local artifact store: fetch it (git-model pull <remote>), or verify without artifacts"
                    + " (--no-artifacts)";
        } catch (IOException e) {
            return "is corrupt in the local artifact store (" + e.getMessage() + "): delete the object and fetch it again";
        }
    }

    /** A local tag that differs from a remote's copy was moved here (or there). */
    private void checkRemoteCopies(List<Finding> out) throws IOException {
        for (Ref remote : repo.getRefDatabase().getRefsByPrefix(RegistryLayout.REMOTE_TAGS)) {
            String rest = remote.getName().substring(RegistryLayout.REMOTE_TAGS.length());
            int slash = rest.indexOf('/');
            if (slash < 0) {
                continue;
            }
            String name = rest.substring(slash + 1);
            Ref local = repo.exactRef(Constants.R_TAGS + name);
            if (local != null && !local.getObjectId().equals(remote.getObjectId())) {
                out.add(tagFinding(local.getName(), local.getObjectId().name(), null, 0, "version tag " + name + " here is "
                        + local.getObjectId().abbreviate(12).name() + " but " + rest.substring(0, slash) + " has "
                        + remote.getObjectId().abbreviate(12).name() + ": a tag was moved; versions never move"));
            }
        }
    }


    /** A version deleted.yaml records as deleted has no tag: a tag made again would give its number out twice. */
    private void deletedStayDeleted(ObjectId head, Map<ModelName, TreeMap<Integer, ObjectId>> byModel, List<Finding> out)
            throws RegistryException {
        for (DeletedYaml.Entry e : reader.numbering().deleted(head)) {
            if (byModel.getOrDefault(e.name(), new TreeMap<>()).containsKey(e.version())) {
                out.add(tagFinding(RegistryLayout.tagRef(e.name(), e.version()), "", e.name(), e.version(), "version tag "
                        + e.ref() + " exists, but " + DeletedYaml.FILE + " on " + reader.branch() + " records it as deleted on "
                        + e.deleted() + ": a deleted version's number is never given out again. Delete the tag (git tag -d "
                        + e.ref() + ") if it was made by hand"));
            }
        }
    }

    private static Finding tagFinding(String ref, String commit, ModelName model, int version, String message) {
        return new Finding(ref, commit, model, version, "tag", message);
    }

    private static Finding finding(String ref, String commit, ModelName model, int version, String rule, String message) {
        return new Finding(ref, commit, model, version, rule, message);
    }
}
