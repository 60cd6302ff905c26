package io.gitmodel.registry.internal.query;

import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.ModelRef;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.StageAssignment;
import io.gitmodel.registry.StageName;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.internal.format.ModelYaml;
import io.gitmodel.registry.internal.index.IndexSnapshot;
import io.gitmodel.registry.internal.index.RegistryIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.eclipse.jgit.lib.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reads the registry index answers: resolving a reference, a model's versions, the models,
 * what the stages hold now. Each returns null where the index cannot answer (no index, a
 * reference to the past, a name it does not know, a damaged index): then the caller reads Git,
 * which also words every error. So an answer never depends on whether the index exists.
 */
final class IndexedReads {
    private static final Logger LOG = LoggerFactory.getLogger(IndexedReads.class);

    /** The trust check of a stage read, under the registry.yaml the index was built from. */
    @FunctionalInterface
    interface Trust {
        void require(StageName stage, ObjectId commit, ModelName model, String what, ObjectId policyBlob) throws RegistryException;
    }

    /** A read of one index snapshot. */
    @FunctionalInterface
    private interface Read<T> {
        T from(IndexSnapshot index) throws RegistryException;
    }

    private final RegistryIndex index;

    IndexedReads(RegistryIndex index) {
        this.index = index;
    }

    private <T> T read(Read<T> read) throws RegistryException {
        Optional<IndexSnapshot> snapshot = index.current();
        if (snapshot.isEmpty()) {
            return null;
        }
        try {
            return read.from(snapshot.get());
        } catch (IndexSnapshot.Unusable e) {
            LOG.debug("read from Git: {}", e.getMessage());
            return null;
        } finally {
            snapshot.get().storeWhatWasRead();
        }
    }

    ModelVersion resolve(ModelRef ref, Trust trust) throws RegistryException {
        return read(s -> {
            ModelName name = ref.name();
            if (ref.selector() instanceof ModelRef.Exact exact) {
                return s.version(name, exact.version()).orElse(null);
            }
            OptionalInt latest = s.latest(name);
            if (latest.isEmpty()) {
                return null;
            }
            if (ref.selector() instanceof ModelRef.Latest) {
                return s.version(name, latest.getAsInt()).orElse(null);
            }
            ModelRef.Stage selector = (ModelRef.Stage) ref.selector();
            StageName stage = selector.stage();
            ObjectId commit = s.stageTip(stage);
            List<Integer> held = s.held(stage, name);
            if (selector.at() != null || commit == null || held.isEmpty()) {
                return null; // the past, or nothing there: Git answers, and words the error
            }
            trust.require(stage, commit, name, ref.toString(), s.policyBlob());
            return s.version(name, held.get(held.size() - 1)).orElse(null);
        });
    }

    List<ModelVersion> versions(ModelName name) throws RegistryException {
        return read(s -> s.versions(name).orElse(null));
    }

    /** Each model's versions (oldest first; every version or only the newest), from one snapshot; null if not indexed. */
    /** Search candidates from the index: documents parsed, versions built only when needed. */
    List<SearchSubject> candidates(List<ModelName> models, boolean latestOnly) throws RegistryException {
        return read(s -> s.storedOf(models, latestOnly).map(all -> all.stream().map(SearchSubject::of).toList()).orElse(null));
    }

    /** The lineage's shape at the index's registry tip: {@code cached} if it was made at that tip. */
    ParentGraph parentGraph(ParentGraph cached) throws RegistryException {
        return read(s -> {
            if (cached != null && s.registryTip().equals(cached.key())) {
                return cached;
            }
            Map<ModelRef, List<ModelRef>> parents = new java.util.LinkedHashMap<>(); // in registry order: children listed so
            for (IndexSnapshot.Stored v : s.storedOf(s.models(), false, ModelYaml.Summary.LINEAGE_MEMBERS).orElseThrow()) {
                List<ModelRef> refs = new ArrayList<>();
                for (String p : new ModelYaml.Summary(v.document()).parents()) {
                    refs.add(ModelRef.parse(p));
                }
                parents.put(ModelRef.parse(v.model() + "@v" + v.number()), List.copyOf(refs));
            }
            return ParentGraph.of(s.registryTip().copy(), parents);
        });
    }

    /** The commits that changed registry.yaml up to {@code head}, oldest first, if the index is at that head. */
    List<ObjectId> policyCommits(ObjectId head) throws RegistryException {
        return read(s -> s.registryTip().equals(head) ? s.policyCommits() : null);
    }

    List<ModelName> models() throws RegistryException {
        return read(IndexSnapshot::models);
    }

    /** Stages in order: declared ones as registry.yaml lists them, then branches of undeclared ones. */
    List<StageName> stageNames() throws RegistryException {
        return read(s -> order(s));
    }

    private static List<StageName> order(IndexSnapshot s) {
        List<StageName> names = new ArrayList<>(s.declaredStages());
        for (StageName stage : s.stageBranches()) {
            if (!names.contains(stage)) {
                names.add(stage);
            }
        }
        return names;
    }

    /** What every stage holds now, each holding's stage change judged; in stage order, models sorted. */
    List<StageAssignment> status(Trust trust) throws RegistryException {
        return read(s -> {
            List<StageAssignment> out = new ArrayList<>();
            Map<StageName, Map<ModelName, List<Integer>>> holdings = s.holdings();
            for (StageName stage : order(s)) {
                for (Map.Entry<ModelName, List<Integer>> h : holdings.getOrDefault(stage, Map.of()).entrySet()) {
                    trust.require(stage, s.stageTip(stage), h.getKey(), h.getKey() + "@" + stage, s.policyBlob());
                    out.add(new StageAssignment(h.getKey(), stage, h.getValue()));
                }
            }
            out.sort(java.util.Comparator.comparing(StageAssignment::model));
            return out;
        });
    }
}
