package io.gitmodel.registry.internal.index;

import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.StageName;
import io.gitmodel.registry.errors.NotARegistryException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.internal.format.DeletedYaml;
import io.gitmodel.registry.internal.format.PolicyYaml;
import io.gitmodel.registry.internal.format.RegistryYaml;
import io.gitmodel.registry.internal.stage.StageFile;
import io.gitmodel.registry.internal.stage.StageReader;
import io.gitmodel.registry.internal.store.RegistryLayout;
import io.gitmodel.registry.internal.store.RegistryReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Brings index data up to a key from Git. With an index of an ancestor of the registry tip, only
 * the models whose directory or deleted.yaml entries changed between the two tips are read again,
 * and only the stage files that changed between two stage tips; otherwise everything is read (the
 * version tags once, every stage file). Documents are not read here: the index points at a
 * document once a listing or a write has stored it.
 */
final class IndexBuilder {
    private final Repository repo;
    private final RegistryReader reader;
    private final StageReader stages;

    IndexBuilder(Repository repo, RegistryReader reader) {
        this.repo = repo;
        this.reader = reader;
        this.stages = new StageReader(repo, reader);
    }

    /** The index data for {@code key}, built on {@code old} (null: from nothing); entries keep their documents. */
    IndexData build(IndexData old, IndexKey key, long docsGeneration) throws RegistryException {
        ObjectId tip = key.registry();
        ObjectId policyBlob = reader.blobId(tip, RegistryYaml.FILE);
        if (policyBlob == null) {
            throw new NotARegistryException(reader.directory(), "branch " + reader.branch() + " has no " + RegistryYaml.FILE);
        }
        List<String> declared = old != null && policyBlob.equals(old.policyBlob()) ? old.declaredStages() : declaredStages(tip);
        boolean reuse = old != null && old.docsGeneration() == docsGeneration;
        TreeMap<String, ModelEntry> models = new TreeMap<>();
        if (old != null) {
            for (ModelEntry e : old.models().values()) {
                models.put(e.name(), reuse ? e : e.withVersions(withoutDocs(e)));
            }
        }
        Set<String> dirty = old != null && isAncestor(old.key().registry(), tip) ? changedModels(old.key().registry(), tip) : null;
        updateVersions(models, tip, dirty);
        for (Map.Entry<String, ObjectId> s : key.stages().entrySet()) {
            ObjectId before = old == null ? null : old.key().stages().get(s.getKey());
            if (!s.getValue().equals(before)) {
                updateStage(models, s.getKey(), before, s.getValue());
            }
        }
        if (old != null) {
            for (String gone : old.key().stages().keySet()) {
                if (!key.stages().containsKey(gone)) {
                    models.replaceAll((name, e) -> e.withHeld(gone, null));
                }
            }
        }
        models.values().removeIf(ModelEntry::isEmpty);
        return new IndexData(key, policyBlob, declared, policyCommits(old, tip), docsGeneration, models);
    }

    /**
     * The commits that changed registry.yaml on the first-parent line of {@code tip}, oldest first:
     * the old index's list and the new commits down to its tip, when that tip is on the line;
     * otherwise the whole line is walked.
     */
    private List<ObjectId> policyCommits(IndexData old, ObjectId tip) throws RegistryException {
        ObjectId stop = old == null ? null : old.key().registry();
        List<ObjectId> newer = new ArrayList<>();
        boolean metOld = false;
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setFirstParent(true);
            io.gitmodel.registry.internal.store.FirstParentChanges changes =
                    new io.gitmodel.registry.internal.store.FirstParentChanges(RegistryYaml.FILE);
            walk.markStart(walk.parseCommit(tip));
            for (org.eclipse.jgit.revwalk.RevCommit c = walk.next(); c != null; c = walk.next()) {
                if (c.equals(stop)) {
                    metOld = true;
                    break;
                }
                if (changes.include(walk, c)) {
                    newer.add(c.copy());
                }
            }
        } catch (IOException e) {
            throw new RegistryIOException("cannot read the history of " + RegistryYaml.FILE + " in " + reader.directory(), e);
        }
        java.util.Collections.reverse(newer);
        if (!metOld) {
            return newer;
        }
        List<ObjectId> out = new ArrayList<>(old.policyCommits());
        out.addAll(newer);
        return out;
    }

    private static TreeMap<Integer, VersionEntry> withoutDocs(ModelEntry e) {
        TreeMap<Integer, VersionEntry> out = new TreeMap<>();
        e.versions().forEach((n, v) -> out.put(n, VersionEntry.withoutDoc(n, v.commit())));
        return out;
    }

    private List<String> declaredStages(ObjectId tip) throws RegistryException {
        String label = reader.branch() + ":" + RegistryYaml.FILE;
        byte[] yaml = reader.readFile(tip, RegistryYaml.FILE).orElseThrow();
        return PolicyYaml.read(RegistryYaml.read(new String(yaml, StandardCharsets.UTF_8), label), label).stageNames()
                .stream().map(StageName::value).toList();
    }

    /** Re-reads the version tags of the dirty models (null: of every model), keeping entries whose commit is unchanged. */
    private void updateVersions(TreeMap<String, ModelEntry> models, ObjectId tip, Set<String> dirty) throws RegistryException {
        Set<String> directories = modelDirectories(tip);
        Set<String> names = new HashSet<>(dirty == null ? directories : dirty);
        if (dirty == null) {
            names.addAll(models.keySet());
        }
        Map<String, TreeMap<Integer, ObjectId>> tags = dirty == null ? allVersionTags() : null;
        for (String name : names) {
            TreeMap<Integer, ObjectId> found = !directories.contains(name) ? new TreeMap<>()
                    : tags != null ? tags.getOrDefault(name, new TreeMap<>()) : reader.versionTags(new ModelName(name));
            ModelEntry before = models.getOrDefault(name, ModelEntry.empty(name));
            TreeMap<Integer, VersionEntry> versions = new TreeMap<>();
            for (Map.Entry<Integer, ObjectId> t : found.entrySet()) {
                VersionEntry kept = before.versions().get(t.getKey());
                versions.put(t.getKey(), kept != null && kept.commit().equals(t.getValue()) ? kept
                        : VersionEntry.withoutDoc(t.getKey(), t.getValue()));
            }
            models.put(name, before.withVersions(versions));
        }
    }

    /** Every version tag {@code <name>@v<N>}, by model, peeled to its commit: one listing of refs/tags/. */
    private Map<String, TreeMap<Integer, ObjectId>> allVersionTags() throws RegistryException {
        Map<String, TreeMap<Integer, ObjectId>> out = new TreeMap<>();
        try {
            for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
                String tag = ref.getName().substring(Constants.R_TAGS.length());
                int at = tag.lastIndexOf("@v");
                if (at <= 0 || !RegistryLayout.isVersionNumber(tag.substring(at + 2))) {
                    continue;
                }
                Ref peeled = ref.isPeeled() ? ref : repo.getRefDatabase().peel(ref);
                ObjectId commit = peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : peeled.getObjectId();
                out.computeIfAbsent(tag.substring(0, at), k -> new TreeMap<>()).put(Integer.parseInt(tag.substring(at + 2)), commit);
            }
        } catch (IOException e) {
            throw new RegistryIOException("cannot list the version tags in " + reader.directory(), e);
        }
        return out;
    }

    private Set<String> modelDirectories(ObjectId tip) throws RegistryException {
        Set<String> out = new HashSet<>();
        for (ModelName m : reader.modelDirectories(tip)) {
            out.add(m.value());
        }
        return out;
    }

    private boolean isAncestor(ObjectId older, ObjectId newer) throws RegistryException {
        try (RevWalk walk = new RevWalk(repo)) {
            return walk.isMergedInto(walk.parseCommit(older), walk.parseCommit(newer));
        } catch (org.eclipse.jgit.errors.MissingObjectException gone) {
            return false; // the old tip was rewritten away and pruned
        } catch (IOException e) {
            throw new RegistryIOException("cannot compare registry commits " + older.name() + " and " + newer.name(), e);
        }
    }

    /** The models whose directory differs between two registry commits, or that deleted.yaml names differently. */
    private Set<String> changedModels(ObjectId older, ObjectId newer) throws RegistryException {
        Set<String> out = new HashSet<>();
        try (RevWalk walk = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(walk.parseCommit(older).getTree());
            tw.addTree(walk.parseCommit(newer).getTree());
            tw.setFilter(TreeFilter.ANY_DIFF);
            while (tw.next()) {
                String path = tw.getPathString();
                if (path.equals(RegistryLayout.MODELS) && tw.isSubtree()) {
                    tw.enterSubtree();
                } else if (path.startsWith(RegistryLayout.MODELS + "/")) {
                    out.add(tw.getNameString());
                }
            }
        } catch (IOException e) {
            throw new RegistryIOException("cannot compare registry commits " + older.name() + " and " + newer.name(), e);
        }
        Set<DeletedYaml.Entry> before = new HashSet<>(reader.numbering().deleted(older));
        for (DeletedYaml.Entry e : reader.numbering().deleted(newer)) {
            if (!before.remove(e)) {
                out.add(e.name().value());
            }
        }
        before.forEach(e -> out.add(e.name().value()));
        return out;
    }

    /** Re-reads the stage files that changed from {@code before} (null: all of them) to {@code after}. */
    private void updateStage(TreeMap<String, ModelEntry> models, String stage, ObjectId before, ObjectId after)
            throws RegistryException {
        StageName name = StageName.of(stage);
        for (String file : changedFiles(before, after)) {
            if (!file.endsWith(".yaml")) {
                continue;
            }
            ModelName model;
            try {
                model = new ModelName(file.substring(0, file.length() - 5));
            } catch (IllegalArgumentException notAModel) {
                continue; // verify reports unexpected files
            }
            Optional<StageFile> f = stages.readAt(after, name, model);
            List<Integer> held = f.map(StageFile::versions).orElse(List.of());
            ModelEntry e = models.getOrDefault(model.value(), ModelEntry.empty(model.value()));
            models.put(model.value(), e.withHeld(stage, held));
        }
    }

    private Set<String> changedFiles(ObjectId before, ObjectId after) throws RegistryException {
        Set<String> out = new HashSet<>();
        try (RevWalk walk = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
            if (before != null) {
                try {
                    tw.addTree(walk.parseCommit(before).getTree());
                } catch (org.eclipse.jgit.errors.MissingObjectException gone) {
                    return changedFiles(null, after);
                }
            }
            tw.addTree(walk.parseCommit(after).getTree());
            tw.setFilter(before == null ? TreeFilter.ALL : TreeFilter.ANY_DIFF);
            while (tw.next()) {
                if (!Objects.equals(tw.getFileMode(tw.getTreeCount() - 1), FileMode.TREE)) {
                    out.add(tw.getPathString());
                }
            }
        } catch (IOException e) {
            throw new RegistryIOException("cannot read stage branch commit " + after.name(), e);
        }
        return out;
    }
}
