package io.gitmodel.registry.internal.transport;

import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.ProgressListener;
import io.gitmodel.registry.Remote;
import io.gitmodel.registry.TransferResult;
import io.gitmodel.registry.errors.ConcurrentUpdateException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.errors.TransportException;
import io.gitmodel.registry.internal.format.ModelYaml;
import io.gitmodel.registry.internal.format.RegistryYaml;
import io.gitmodel.registry.internal.lfs.LfsObjectStore;
import io.gitmodel.registry.internal.stage.StageMessage;
import io.gitmodel.registry.internal.stage.StageReader;
import io.gitmodel.registry.internal.stage.StageWriter;
import io.gitmodel.registry.internal.store.AtomicRefUpdate;
import io.gitmodel.registry.internal.store.RegistryLayout;
import io.gitmodel.registry.internal.store.RegistryReader;
import io.gitmodel.registry.internal.store.TreeEditor;
import io.gitmodel.registry.internal.store.VersionPublisher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Fetches a remote registry and integrates it: fast-forwards the registry and stage branches,
 * takes the remote's version tags, and, when both sides registered versions offline, renumbers
 * the local unpublished ones on top of the remote's (v5 becomes v6, …), rewriting only commits
 * and tags that were never published. Artifact bytes are downloaded and verified before any ref
 * moves, unless the pull is metadata-only. All local refs move in one atomic update.
 */
public final class Puller {
    private final Repository repo;
    private final RegistryReader reader;
    private final LfsObjectStore store;
    private final Remote remote;
    private final ProgressListener progress;
    private final String branchRef;
    private final AtomicRefUpdate updates;
    private final List<String> changed = new ArrayList<>();
    private final List<String> renumbered = new ArrayList<>();
    /** Tag names of local versions that were renumbered (their old numbers are given up). */
    private final java.util.Set<String> givenUp = new java.util.HashSet<>();
    /** Tag name to the object it must point at after the pull (zero id: deleted). */
    private final Map<String, ObjectId> tagTargets = new java.util.LinkedHashMap<>();

    private final Map<String, String> env;
    /** Where the local history of a stage is kept when its events are replayed. */
    public static final String REPLACED_PREFIX = "refs/git-model/replaced/";
    private boolean replay;
    /** {@code model@vOld} to the new number of a renumbered version. */
    private final Map<String, Integer> newNumbers = new HashMap<>();
    private final List<ReplayEvent> replayEvents = new ArrayList<>();

    /**
     * A local stage change to make again after the pull, versions already translated.
     *
     * @param keptAt the ref that keeps the stage's local history as it was before the pull
     * @param when commit time in seconds: orders the events of all stages as they were made
     * @param sequence position in its stage's history, oldest first: orders events of the same second
     */
    public record ReplayEvent(String stage, StageMessage event, String keptAt, long when, int sequence) {
    }

    public Puller(Repository repo, RegistryReader reader, LfsObjectStore store, Remote remote, ProgressListener progress,
            Map<String, String> env) {
        this.env = env;
        this.repo = repo;
        this.reader = reader;
        this.store = store;
        this.remote = remote;
        this.progress = progress;
        this.branchRef = RegistryLayout.branchRef(reader.branch());
        this.updates = new AtomicRefUpdate(repo);
    }

    private String remoteBranchRef() {
        return Constants.R_REMOTES + remote.name() + "/" + reader.branch();
    }

    /** Instead of refusing diverged stages, plan their local events for replay ({@link #replays()}). */
    public Puller replay(boolean replay) {
        this.replay = replay;
        return this;
    }

    /** The local stage changes to make again, oldest first. */
    public List<ReplayEvent> replays() {
        return List.copyOf(replayEvents);
    }

    /** Fetches the remote's refs into {@code refs/remotes/<remote>/} and {@code refs/remote-tags/<remote>/}. */
    public void fetchRefs() throws RegistryException {
        // JGit runs "gc --auto" after every fetch, by default in a background thread that would race
        // with what follows (a failed clone deleting its directory, our own housekeeping): in the
        // foreground, for this repository object only (not saved)
        org.eclipse.jgit.lib.StoredConfig config = repo.getConfig();
        String autoDetach = config.getString("gc", null, "autoDetach");
        config.setBoolean("gc", null, "autoDetach", false);
        try {
            Git.wrap(repo).fetch().setRemote(remote.name())
                    .setRefSpecs(new RefSpec("+refs/heads/*:refs/remotes/" + remote.name() + "/*"),
                            new RefSpec("+refs/tags/*:" + ArtifactTransfer.remoteTagPrefix(remote.name()) + "*"))
                    .setTagOpt(TagOpt.NO_TAGS).setRemoveDeletedRefs(true)
                    .setCredentialsProvider(Credentials.provider(remote.url(), env, repo.getDirectory().toPath()))
                    .setProgressMonitor(NullProgressMonitor.INSTANCE).call();
        } catch (GitAPIException | RuntimeException e) {
            throw TransportFailures.of("fetch from", remote, e, "Nothing changed locally");
        } finally {
            // the config object is saved by later steps: leave it as it was
            if (autoDetach == null) {
                config.unset("gc", null, "autoDetach");
            } else {
                config.setString("gc", null, "autoDetach", autoDetach);
            }
        }
        ObjectId remoteTip = ref(remoteBranchRef());
        if (remoteTip == null) {
            return; // an empty remote
        }
        if (reader.readFile(remoteTip, RegistryYaml.FILE).isEmpty()) {
            throw new TransportException(remote.name(), remote.name() + " (" + Credentials.redact(remote.url()) + ") is not a git-model registry: its"
                    + " branch " + reader.branch() + " has no " + RegistryYaml.FILE);
        }
    }

    /** Downloads the artifacts of every version the remote has, verified. */
    public ArtifactTransfer.Moved downloadArtifacts() throws RegistryException {
        ArtifactTransfer transfer = new ArtifactTransfer(repo, store, progress);
        return transfer.download(transfer.artifactsOfTags(ArtifactTransfer.remoteTagPrefix(remote.name()), reader).values(),
                Remotes.lfs(repo, remote, env), remote.name());
    }

    /** Integrates the fetched refs into the local registry in one atomic update. */
    public TransferResult integrate(PersonIdent who, int objects, long bytes) throws RegistryException {
        ObjectId remoteTip = ref(remoteBranchRef());
        if (remoteTip == null) {
            return new TransferResult(remote.name(), List.of(), objects, bytes, List.of());
        }
        try (RevWalk walk = new RevWalk(repo)) {
            ObjectId localTip = ref(branchRef);
            if (localTip == null) {
                set(branchRef, null, remoteTip);
            } else if (!localTip.equals(remoteTip) && !isAncestor(remoteTip, localTip)) {
                if (isAncestor(localTip, remoteTip)) {
                    set(branchRef, localTip, remoteTip);
                } else {
                    set(branchRef, localTip, renumber(walk, localTip, remoteTip));
                }
            }
            integrateTags();
            integrateStages();
        } catch (IOException e) {
            throw new RegistryIOException("cannot integrate " + remote.name() + " into the local registry", e);
        }
        if (!changed.isEmpty()) {
            AtomicRefUpdate.Outcome outcome = updates.execute(who, "git-model: pull " + remote.name());
            if (!outcome.applied()) {
                throw new ConcurrentUpdateException(outcome.failed().getRefName(), null, null, "the local registry changed during"
                        + " the pull (" + outcome.failed().getRefName() + "); nothing was changed, run the pull again");
            }
        }
        return new TransferResult(remote.name(), changed, objects, bytes, renumbered);
    }

    private void set(String ref, ObjectId expected, ObjectId target) {
        updates.set(ref, expected, target);
        changed.add(ref);
    }

    private void integrateTags() throws IOException, RegistryException {
        String prefix = ArtifactTransfer.remoteTagPrefix(remote.name());
        for (Ref remoteTag : repo.getRefDatabase().getRefsByPrefix(prefix)) {
            String name = remoteTag.getName().substring(prefix.length());
            ObjectId mine = ref(Constants.R_TAGS + name);
            if (givenUp.contains(name) || mine == null) {
                tagTargets.put(name, remoteTag.getObjectId()); // a number our renumbered version gave up, or a new one
            } else if (!mine.equals(remoteTag.getObjectId())) {
                throw new TransportException(remote.name(), "tag " + name + " differs here and on " + remote.name()
                        + ", and it is not an unpublished version that can be renumbered; nothing was changed."
                        + " Inspect it with: git show " + name + " " + prefix + name);
            }
        }
        for (String name : givenUp) {
            tagTargets.putIfAbsent(name, ObjectId.zeroId());
        }
        for (Map.Entry<String, ObjectId> t : tagTargets.entrySet()) {
            ObjectId current = ref(Constants.R_TAGS + t.getKey());
            if (!t.getValue().equals(current == null ? ObjectId.zeroId() : current)) {
                set(Constants.R_TAGS + t.getKey(), current, t.getValue());
            }
        }
    }

    /**
     * Stage branches: fast-forwards those only the remote changed. Rules span stages (a version
     * archived on one stage cannot be promoted on another), so when this registry has stage
     * changes the remote lacks and the remote has stage changes this one lacks, on any stages, or
     * local stage changes may name versions this pull renumbers, they are never combined
     * silently: refused, or with {@link #replay} planned to be made again on top.
     */
    private void integrateStages() throws IOException, RegistryException {
        String prefix = Constants.R_REMOTES + remote.name() + "/stages/";
        Map<String, ObjectId> theirs = new java.util.TreeMap<>();
        for (Ref r : repo.getRefDatabase().getRefsByPrefix(prefix)) {
            theirs.put(r.getName().substring(prefix.length()), r.getObjectId());
        }
        Map<String, ObjectId> mine = new java.util.TreeMap<>();
        for (Ref r : repo.getRefDatabase().getRefsByPrefix(StageReader.PREFIX)) {
            mine.put(r.getName().substring(StageReader.PREFIX.length()), r.getObjectId());
        }
        java.util.Set<String> stages = new java.util.TreeSet<>(theirs.keySet());
        stages.addAll(mine.keySet());
        List<String> localChanges = new ArrayList<>();
        List<String> remoteChanges = new ArrayList<>();
        for (String stage : stages) {
            ObjectId m = mine.get(stage);
            ObjectId t = theirs.get(stage);
            if (m != null && (t == null || !isAncestor(m, t))) {
                localChanges.add(stage);
            }
            if (t != null && (m == null || !isAncestor(t, m))) {
                remoteChanges.add(stage);
            }
        }
        boolean combine = !localChanges.isEmpty() && (!remoteChanges.isEmpty() || !renumbered.isEmpty());
        if (combine && !replay) {
            throw new TransportException(remote.name(), refusal(localChanges, remoteChanges));
        }
        ObjectId moved = null;
        for (String stage : stages) {
            ObjectId m = mine.get(stage);
            ObjectId t = theirs.get(stage);
            String local = StageReader.branchRef(stage);
            if (combine && localChanges.contains(stage)) {
                planReplay(stage, m, t);
                set(local, m, t == null ? ObjectId.zeroId() : t);
                moved = t != null ? t : moved;
            } else if (remoteChanges.contains(stage)) {
                set(local, m, t); // only the remote changed it: fast-forward
                moved = t;
            }
        }
        if (moved != null) {
            // every stage change compare-and-swaps this ref (rules span stages): so does the pull, so a
            // stage change made locally meanwhile, planned on the old state, fails and is planned again
            ObjectId tip = ref(StageWriter.STAGE_TIP);
            if (!moved.equals(tip)) {
                set(StageWriter.STAGE_TIP, tip, moved);
                changed.remove(StageWriter.STAGE_TIP); // bookkeeping, not a ref the user asked about
            }
        }
        // all stages' events in the order they were made; within one stage, history order
        replayEvents.sort(java.util.Comparator.comparingLong(ReplayEvent::when).thenComparingInt(ReplayEvent::sequence));
    }

    private String refusal(List<String> localChanges, List<String> remoteChanges) throws RegistryException {
        String what = !remoteChanges.isEmpty()
                ? "stages changed both here (" + String.join(", ", localChanges) + ") and on " + remote.name() + " ("
                        + String.join(", ", remoteChanges) + "), and stage rules span stages, so the two are never combined"
                        + " silently"
                : "unpublished versions would be renumbered (" + String.join(", ", renumbered) + ") but stage changes here ("
                        + String.join(", ", localChanges) + ") are not on " + remote.name() + " and may name the old numbers";
        StringBuilder drop = new StringBuilder();
        for (String stage : localChanges) {
            drop.append(drop.length() == 0 ? "" : " and ").append("git update-ref ");
            String theirs = Constants.R_REMOTES + remote.name() + "/stages/" + stage;
            drop.append(remoteChanges.contains(stage) || ref(theirs) != null ? StageReader.branchRef(stage) + " " + theirs
                    : "-d " + StageReader.branchRef(stage));
        }
        return what + "; nothing was changed. Make your stage changes again on top of the remote's (each re-checked and"
                + " re-signed) with: git-model pull --replay " + remote.name() + ". Or drop them: " + drop;
    }

    /**
     * Records the local-only events of a stage (those not reachable from {@code base}), with
     * renumbered versions translated, and keeps the old local history under
     * {@code refs/git-model/replaced/stages/<stage>}.
     */
    private void planReplay(String stage, ObjectId mine, ObjectId base) throws IOException, RegistryException {
        String keptAt = keptAt(stage);
        List<RevCommit> commits = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setFirstParent(true);
            walk.markStart(walk.parseCommit(mine));
            if (base != null) {
                walk.markUninteresting(walk.parseCommit(base));
            }
            for (RevCommit c : walk) {
                commits.add(c);
            }
        }
        java.util.Collections.reverse(commits); // oldest first
        int sequence = 0;
        for (RevCommit c : commits) {
            StageMessage m = StageMessage.parse(c.getFullMessage());
            if (m != null && m.action() != null && !m.entries().isEmpty()) {
                replayEvents.add(new ReplayEvent(stage, translate(m), keptAt, c.getCommitTime(), sequence++));
            }
        }
        set(keptAt, null, mine);
    }

    /**
     * A new ref for each replay ({@code refs/git-model/replaced/<time>/stages/<stage>}), so that a
     * second replay never overwrites the history a first one kept.
     */
    private String keptAt(String stage) throws RegistryException {
        String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(java.time.ZoneOffset.UTC)
                .format(java.time.Instant.now());
        String name = REPLACED_PREFIX + stamp + "/stages/" + stage;
        for (int n = 2; ref(name) != null; n++) {
            name = REPLACED_PREFIX + stamp + "-" + n + "/stages/" + stage;
        }
        return name;
    }

    private StageMessage translate(StageMessage m) {
        List<StageMessage.Entry> entries = new ArrayList<>();
        for (StageMessage.Entry e : m.entries()) {
            entries.add(new StageMessage.Entry(e.model(), newNumber(e.model(), e.version()), newNumber(e.model(), e.previousVersion())));
        }
        return new StageMessage(m.action(), m.stage(), entries, m.reason(), m.approvedBy());
    }

    private int newNumber(String model, int version) {
        return version <= 0 ? version : newNumbers.getOrDefault(model + "@v" + version, version);
    }

    /** Replays the local registrations since the fork point on top of the remote tip, with new numbers. */
    private ObjectId renumber(RevWalk walk, ObjectId localTip, ObjectId remoteTip) throws IOException, RegistryException {
        walk.reset();
        walk.setRevFilter(RevFilter.MERGE_BASE);
        walk.markStart(walk.parseCommit(localTip));
        walk.markStart(walk.parseCommit(remoteTip));
        RevCommit base = walk.next();
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
        walk.reset();
        java.util.Collections.reverse(local);
        Map<ModelName, Integer> highest = new HashMap<>();
        ObjectId tip = remoteTip;
        try (ObjectInserter inserter = repo.newObjectInserter()) {
            for (RevCommit c : local) {
                ModelVersion old = registration(c);
                int number = Math.max(highest.getOrDefault(old.name(), 0), highestOnRemote(old.name(), tip)) + 1;
                highest.put(old.name(), number);
                ModelVersion renamed = new ModelVersion(old.name(), number, old.commit(), old.description(), old.created(),
                        old.createdBy(), old.metrics(), old.params(), old.tags(), old.lineage(), old.artifacts(), old.extensions());
                TreeEditor tree = new TreeEditor(repo, walk.parseCommit(tip).getTree())
                        .deleteTree(RegistryLayout.modelDir(old.name()));
                try (TreeWalk tw = TreeWalk.forPath(repo, RegistryLayout.modelDir(old.name()), c.getTree())) {
                    try (TreeWalk files = new TreeWalk(repo)) {
                        files.addTree(tw.getObjectId(0));
                        files.setRecursive(true);
                        while (files.next()) {
                            if (files.getPathString().equals(RegistryLayout.MODEL_YAML)) {
                                continue; // rewritten below with the new number
                            }
                            tree.putObject(RegistryLayout.modelDir(old.name()) + "/" + files.getPathString(), files.getFileMode(0),
                                    files.getObjectId(0));
                        }
                    }
                }
                tree.put(RegistryLayout.modelYaml(old.name()), ModelYaml.write(renamed).getBytes(StandardCharsets.UTF_8), inserter);
                PersonIdent author = c.getAuthorIdent();
                ObjectId commit = VersionPublisher.insertCommit(inserter, tree.write(inserter), tip, author,
                        VersionPublisher.commitMessage(renamed));
                String newName = RegistryLayout.tagName(old.name(), number);
                ObjectId tag = VersionPublisher.insertTag(inserter, commit, newName, taggerOf(old, author), renamed);
                inserter.flush();
                String oldName = RegistryLayout.tagName(old.name(), old.version());
                givenUp.add(oldName);
                tagTargets.put(newName, tag);
                if (number != old.version()) {
                    // rebased onto the remote's branch under the same number is not a renumbering
                    renumbered.add(oldName + " -> " + newName);
                    newNumbers.put(oldName, number);
                }
                tip = commit;
            }
        }
        return tip;
    }

    private ModelVersion registration(RevCommit c) throws RegistryException {
        String model = trailer(c.getFullMessage(), "Model");
        String version = trailer(c.getFullMessage(), "Version");
        if (model == null || version == null || !version.matches("[1-9][0-9]{0,8}")) {
            throw new TransportException(remote.name(), "local commit " + c.abbreviate(12).name() + " on " + reader.branch()
                    + " is not a registration, so it cannot be renumbered onto " + remote.name() + "; nothing was changed");
        }
        return reader.readAt(new ModelName(model), Integer.parseInt(version), c);
    }

    private PersonIdent taggerOf(ModelVersion v, PersonIdent fallback) {
        try (RevWalk walk = new RevWalk(repo)) {
            ObjectId id = ref(RegistryLayout.tagRef(v.name(), v.version()));
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

    private int highestOnRemote(ModelName name, ObjectId tip) throws RegistryException {
        int highest = 0;
        java.util.Optional<byte[]> yaml = reader.readFile(tip, RegistryLayout.modelYaml(name));
        if (yaml.isPresent()) {
            highest = ModelYaml.read(new String(yaml.get(), StandardCharsets.UTF_8), remote.name() + ":"
                    + RegistryLayout.modelYaml(name), tip.name()).version();
        }
        String prefix = ArtifactTransfer.remoteTagPrefix(remote.name()) + name.value() + "@v";
        try {
            for (Ref r : repo.getRefDatabase().getRefsByPrefix(prefix)) {
                String n = r.getName().substring(prefix.length());
                if (n.matches("[1-9][0-9]{0,8}")) {
                    highest = Math.max(highest, Integer.parseInt(n));
                }
            }
        } catch (IOException e) {
            throw new RegistryIOException("cannot read the remote's tags", e);
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

    /** A fresh walk each time: a walk once set to first-parent (renumbering) cannot compute merge bases. */
    private boolean isAncestor(ObjectId ancestor, ObjectId of) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            return walk.isMergedInto(walk.parseCommit(ancestor), walk.parseCommit(of));
        }
    }

    private ObjectId ref(String name) throws RegistryException {
        try {
            Ref r = repo.exactRef(name);
            return r == null ? null : r.getObjectId();
        } catch (IOException e) {
            throw new RegistryIOException("cannot read " + name, e);
        }
    }
}
