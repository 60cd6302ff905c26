package io.gitmodel.registry.internal.store;

import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Renumbering;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.errors.TransportException;
import io.gitmodel.registry.internal.format.ModelYaml;
import io.gitmodel.registry.internal.format.RegistryYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Rebases the local registrations that a remote lacks onto the remote's registry branch: each
 * becomes a new commit on top of the remote's tip with the next free number of its model (v5
 * becomes v6 when the remote published its own v5), and a new annotated tag. Only writes objects;
 * the caller moves the refs, together with everything else a pull changes, in one atomic update.
 * Author, tagger and dates of the original registration are kept.
 */
public final class Renumberer {
    /**
     * The rebased registrations.
     *
     * @param tip the new registry branch tip
     * @param tags tag name to the new annotated tag, for every rebased version
     * @param givenUp the tag names the local versions had; numbers the remote does not use are deleted
     * @param renumbered the versions whose number changed (rebased under the same number is not listed)
     */
    public record Result(ObjectId tip, Map<String, ObjectId> tags, Set<String> givenUp, List<Renumbering> renumbered) {
    }

    private final Repository repo;
    private final RegistryReader reader;
    private final String remote;

    /** @param remote the remote whose branch and mirrored tags ({@link RegistryLayout#remoteTagPrefix}) are the new base */
    public Renumberer(Repository repo, RegistryReader reader, String remote) {
        this.repo = repo;
        this.reader = reader;
        this.remote = remote;
    }

    /** Rebases the first-parent registrations of {@code localTip} since the fork point onto {@code remoteTip}. */
    public Result rebase(ObjectId localTip, ObjectId remoteTip) throws RegistryException {
        try (RevWalk walk = new RevWalk(repo); ObjectInserter inserter = repo.newObjectInserter()) {
            List<RevCommit> local = localRegistrations(walk, localTip, remoteTip);
            Map<ModelName, Integer> highest = new HashMap<>();
            Map<String, ObjectId> tags = new LinkedHashMap<>();
            Set<String> givenUp = new LinkedHashSet<>();
            List<Renumbering> renumbered = new ArrayList<>();
            ObjectId tip = remoteTip;
            Set<String> deletedHere = deletedLocally(local);
            for (RevCommit c : local) {
                if (isDeletion(c)) {
                    continue; // it deleted a version registered here: neither goes to the remote
                }
                ModelVersion old = registration(c);
                if (deletedHere.contains(RegistryLayout.tagName(old.name(), old.version()))
                        || Refs.get(repo, RegistryLayout.tagRef(old.name(), old.version())) == null) {
                    continue; // deleted before it was published: the remote never sees it, its number means nothing there
                }
                int number = Math.max(highest.getOrDefault(old.name(), 0), highestOnRemote(old.name(), tip)) + 1;
                highest.put(old.name(), number);
                ModelVersion renamed = new ModelVersion(old.name(), number, old.commit(), old.description(), old.created(),
                        old.createdBy(), old.metrics(), old.params(), old.tags(), old.lineage(), old.artifacts(), old.extensions());
                ObjectId tree = modelTreeOnto(walk, c, tip, renamed, inserter);
                PersonIdent author = c.getAuthorIdent();
                ObjectId commit = VersionPublisher.insertCommit(inserter, tree, tip, author, VersionPublisher.commitMessage(renamed));
                String newName = RegistryLayout.tagName(old.name(), number);
                tags.put(newName, VersionPublisher.insertTag(inserter, commit, newName, taggerOf(old, author), renamed));
                inserter.flush();
                givenUp.add(RegistryLayout.tagName(old.name(), old.version()));
                if (number != old.version()) {
                    renumbered.add(new Renumbering(old.name(), old.version(), number));
                }
                tip = commit;
            }
            return new Result(tip, tags, givenUp, renumbered);
        } catch (IOException e) {
            throw new RegistryIOException("cannot renumber the local versions onto " + remote, e);
        }
    }

    /** The local first-parent commits since the merge base with the remote tip, oldest first. */
    private List<RevCommit> localRegistrations(RevWalk walk, ObjectId localTip, ObjectId remoteTip) throws IOException {
        walk.setRevFilter(RevFilter.MERGE_BASE);
        walk.markStart(walk.parseCommit(localTip));
        walk.markStart(walk.parseCommit(remoteTip));
        RevCommit base = walk.next();
        walk.reset();
        walk.setRevFilter(RevFilter.ALL);
        List<RevCommit> local = new ArrayList<>();
        try (RevWalk firstParent = new RevWalk(repo)) {
            firstParent.setFirstParent(true);
            firstParent.markStart(firstParent.parseCommit(localTip));
            if (base != null) {
                firstParent.markUninteresting(firstParent.parseCommit(base));
            }
            for (RevCommit c : firstParent) {
                local.add(walk.parseCommit(c));
            }
        }
        Collections.reverse(local);
        if (base == null && !local.isEmpty() && isInitialization(local.get(0))) {
            // unrelated histories: this registry was made with init, the remote separately. Its first commit (the
            // initial registry.yaml) is not carried over: the remote's registry.yaml governs, as it does for a clone
            local.remove(0);
        }
        return local;
    }

    /** The first commit git-model init makes: no parent, only registry.yaml and .gitattributes. */
    private boolean isInitialization(RevCommit c) throws IOException {
        if (c.getParentCount() != 0 || !c.getFullMessage().startsWith(VersionPublisher.INIT_SUBJECT)) {
            return false;
        }
        try (TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(c.getTree());
            while (tw.next()) {
                String name = tw.getPathString();
                if (!name.equals(RegistryYaml.FILE) && !name.equals(".gitattributes")) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The tree of {@code tip} with the model's directory taken from {@code c}, and its model.yaml rewritten. */
    private ObjectId modelTreeOnto(RevWalk walk, RevCommit c, ObjectId tip, ModelVersion renamed, ObjectInserter inserter)
            throws IOException {
        ModelName name = renamed.name();
        TreeEditor tree = new TreeEditor(repo, walk.parseCommit(tip).getTree()).deleteTree(RegistryLayout.modelDir(name));
        try (TreeWalk dir = TreeWalk.forPath(repo, RegistryLayout.modelDir(name), c.getTree());
                TreeWalk files = new TreeWalk(repo)) {
            files.addTree(dir.getObjectId(0));
            files.setRecursive(true);
            while (files.next()) {
                if (!files.getPathString().equals(RegistryLayout.MODEL_YAML)) {
                    tree.putObject(RegistryLayout.modelDir(name) + "/" + files.getPathString(), files.getFileMode(0),
                            files.getObjectId(0));
                }
            }
        }
        tree.put(RegistryLayout.modelYaml(name), ModelYaml.write(renamed).getBytes(StandardCharsets.UTF_8), inserter);
        return tree.write(inserter);
    }

    private static boolean isDeletion(RevCommit c) {
        return c.getFullMessage().startsWith(VersionDeleter.SUBJECT) && trailer(c.getFullMessage(), VersionDeleter.TRAILER) != null;
    }

    /**
     * The versions the local delete commits deleted. Each must be one registered here too: a
     * version the remote has was published, and published versions are never deleted.
     */
    private Set<String> deletedLocally(List<RevCommit> local) throws RegistryException {
        Set<String> registeredHere = new LinkedHashSet<>();
        Set<String> deleted = new LinkedHashSet<>();
        for (RevCommit c : local) {
            String model = trailer(c.getFullMessage(), "Model");
            if (isDeletion(c)) {
                String ref = model + "@v" + trailer(c.getFullMessage(), VersionDeleter.TRAILER);
                if (!registeredHere.contains(ref)) {
                    throw new TransportException(remote, "local commit " + c.abbreviate(12).name() + " (\"" + c.getShortMessage()
                            + "\") deleted " + ref + ", which " + remote + " has: published versions are never deleted;"
                            + " nothing was changed. Archive it instead, after the pull");
                }
                deleted.add(ref);
            } else if (model != null) {
                registeredHere.add(model + "@v" + trailer(c.getFullMessage(), "Version"));
            }
        }
        return deleted;
    }

    private ModelVersion registration(RevCommit c) throws RegistryException {
        String model = trailer(c.getFullMessage(), "Model");
        String version = trailer(c.getFullMessage(), "Version");
        if (model == null || version == null || !RegistryLayout.isVersionNumber(version)) {
            throw new TransportException(remote, "local commit " + c.abbreviate(12).name() + " on " + reader.branch() + " (\""
                    + c.getShortMessage() + "\") is not on " + remote + " and is not a registration, so it cannot be made"
                    + " again on top of " + remote + "'s registry (only registrations are renumbered); nothing was changed."
                    + " A registry.yaml change made here: push it before pulling, or drop it and make it again after");
        }
        return reader.readAt(new ModelName(model), Integer.parseInt(version), c);
    }

    private PersonIdent taggerOf(ModelVersion v, PersonIdent fallback) {
        try (RevWalk walk = new RevWalk(repo)) {
            ObjectId id = Refs.get(repo, RegistryLayout.tagRef(v.name(), v.version()));
            if (id != null) {
                RevTag tag = walk.parseTag(id);
                if (tag.getTaggerIdent() != null) {
                    return tag.getTaggerIdent();
                }
            }
        } catch (IOException | RegistryException ignore) {
            // a lightweight or missing tag: the author stands in as tagger
        }
        return fallback;
    }

    /** The highest number the remote gave the model: in its model.yaml at {@code tip} and in its tags. */
    private int highestOnRemote(ModelName name, ObjectId tip) throws RegistryException {
        int highest = 0;
        Optional<byte[]> yaml = reader.readFile(tip, RegistryLayout.modelYaml(name));
        if (yaml.isPresent()) {
            highest = ModelYaml.read(new String(yaml.get(), StandardCharsets.UTF_8), remote + ":"
                    + RegistryLayout.modelYaml(name), tip.name()).version();
        }
        for (String n : Refs.under(repo, RegistryLayout.remoteTagPrefix(remote) + name.value() + "@v").keySet()) {
            if (RegistryLayout.isVersionNumber(n)) {
                highest = Math.max(highest, Integer.parseInt(n));
            }
        }
        return highest;
    }

    private static String trailer(String message, String key) {
        String value = null;
        for (String line : message.split("\n")) {
            if (line.startsWith(key + ": ")) {
                value = line.substring(key.length() + 2).trim();
            }
        }
        return value;
    }
}
