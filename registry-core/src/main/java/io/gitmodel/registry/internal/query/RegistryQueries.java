package io.gitmodel.registry.internal.query;

import io.gitmodel.registry.DatasetUse;
import io.gitmodel.registry.EventAction;
import io.gitmodel.registry.LineageGraph;
import io.gitmodel.registry.ModelEvent;
import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.ModelRef;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.RegistryPolicy;
import io.gitmodel.registry.SignatureCheck;
import io.gitmodel.registry.StageAssignment;
import io.gitmodel.registry.StageName;
import io.gitmodel.registry.VersionDiff;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.StageNotFoundException;
import io.gitmodel.registry.errors.UntrustedStageException;
import io.gitmodel.registry.errors.VersionNotFoundException;
import io.gitmodel.registry.Finding;
import io.gitmodel.registry.internal.format.RegistryYaml;
import io.gitmodel.registry.internal.verify.ChangeJudge;
import io.gitmodel.registry.internal.verify.PolicyHistory;
import io.gitmodel.registry.internal.verify.Requests;
import io.gitmodel.registry.internal.verify.StageHistory;
import io.gitmodel.registry.internal.verify.StageTrust;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.gitmodel.registry.internal.sign.CommitVerifier;
import io.gitmodel.registry.internal.stage.StageFile;
import io.gitmodel.registry.internal.stage.StageReader;
import io.gitmodel.registry.internal.index.RegistryIndex;
import io.gitmodel.registry.internal.store.RegistryLayout;
import io.gitmodel.registry.internal.store.RegistryReader;
import io.gitmodel.registry.internal.store.RegistryStore;
import io.gitmodel.registry.errors.RegistryIOException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The read side of a registry: resolving references, listing models and versions, what the
 * stages hold now or at an instant, and the history of a model or a stage. Reads go straight to
 * the object database; nothing is cached between calls, so another process's writes are seen at
 * once.
 */
public final class RegistryQueries {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryQueries.class);

    private final RegistryStore store;
    private final RegistryReader reader;
    private final StageReader stages;
    private final IndexedReads indexed;
    private volatile ParentGraph parentGraph;

    public RegistryQueries(RegistryStore store, RegistryIndex index) {
        this.store = store;
        this.reader = store.reader();
        this.stages = new StageReader(store.repository(), reader);
        this.indexed = new IndexedReads(index);
    }

    /** Where {@code root} comes from and what was built on it. */
    public LineageGraph lineage(ModelVersion root) throws RegistryException {
        return new LineageQuery(this).lineage(root);
    }

    /** Every version's parents and children by reference, kept while the registry tip stays where it was. */
    ParentGraph parentGraph() throws RegistryException {
        ParentGraph cached = parentGraph;
        ParentGraph fromIndex = indexed.parentGraph(cached);
        if (fromIndex != null) {
            parentGraph = fromIndex;
            return fromIndex;
        }
        Map<ModelRef, List<ModelRef>> parents = new java.util.LinkedHashMap<>(); // in registry order: children listed so
        for (ModelName model : models()) {
            for (ModelVersion v : versions(model)) {
                parents.put(v.ref(), v.lineage().parents());
            }
        }
        return ParentGraph.of(null, parents);
    }

    /** Every version trained on the data set (its URI or sha256 digest), with the stages holding it now. */
    public List<DatasetUse> whereUsed(String dataset) throws RegistryException {
        return new LineageQuery(this).whereUsed(dataset);
    }

    /** The versions that meet the criteria, in their order. */
    public List<ModelVersion> search(SearchCriteria criteria) throws RegistryException {
        return new VersionSearch(this).run(criteria);
    }

    /** Whether the version has a model card. */
    boolean hasModelCard(ModelVersion v) throws RegistryException {
        return reader.hasModelCard(v);
    }

    /** The text of registry.yaml on the registry branch, as committed. */
    public String policyText() throws RegistryException {
        return new String(reader.readFile(reader.head(), RegistryYaml.FILE).orElseThrow(() -> new io.gitmodel.registry.errors
                .CorruptMetadataException(RegistryYaml.FILE, "the registry branch has no registry.yaml")), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** What changed from the newest version before {@code to} (by tag number) to it. */
    public VersionDiff diffWithPrevious(ModelVersion to) throws RegistryException {
        Integer previous = reader.versionNumbers(to.name()).lower(to.version());
        if (previous == null) {
            throw new VersionNotFoundException(to.ref().toString(), to.ref() + " is the first version of " + to.name()
                    + ": there is no earlier one to compare it with; name two versions");
        }
        return diff(reader.read(to.name(), previous), to);
    }

    /** What changed from {@code from} to {@code to}, model cards included. */
    public VersionDiff diff(ModelVersion from, ModelVersion to) throws RegistryException {
        return VersionDiffer.diff(from, to, card(from), card(to), RegistryLayout.modelCard(to.name()));
    }

    /** The version's model card ({@code models/<name>/README.md} as registered), if it has one. */
    public Optional<String> modelCard(ModelVersion v) throws RegistryException {
        byte[] card = card(v);
        return card.length == 0 ? Optional.empty() : Optional.of(new String(card, java.nio.charset.StandardCharsets.UTF_8));
    }

    private byte[] card(ModelVersion v) throws RegistryException {
        return reader.readFile(ObjectId.fromString(v.commit()), RegistryLayout.modelCard(v.name()))
                .orElse(new byte[0]);
    }

    /** The stage branches' reader. */
    public StageReader stages() {
        return stages;
    }

    /** Resolves a reference to the version it names. */
    public ModelVersion resolve(ModelRef ref) throws RegistryException {
        ModelVersion fromIndex = indexed.resolve(ref, (stage, commit, model, what, policy) ->
                requireTrusted(stage, commit, model, what, this::judge, policy));
        if (fromIndex != null) {
            return fromIndex;
        }
        ModelName name = ref.name();
        if (ref.selector() instanceof ModelRef.Exact exact) {
            return reader.read(name, exact.version());
        }
        java.util.TreeSet<Integer> numbers = reader.versionNumbers(name);
        if (numbers.isEmpty()) {
            throw reader.notFound(name);
        }
        if (ref.selector() instanceof ModelRef.Latest) {
            return reader.read(name, numbers.last());
        }
        ModelRef.Stage selector = (ModelRef.Stage) ref.selector();
        StageName stage = selector.stage();
        checkExists(stage, store.policy());
        ObjectId commit = selector.at() == null ? stages.head(stage) : stages.commitAt(stage, selector.at());
        Optional<StageFile> held = stages.readAt(commit, stage, name);
        if (held.isEmpty() || held.get().versions().isEmpty()) {
            throw new VersionNotFoundException(ref.toString(), stage + " held no version of " + name
                    + (selector.at() == null ? " (nothing promoted there yet)" : " at " + selector.at()));
        }
        requireTrusted(stage, commit, name, ref.toString(), this::judge);
        List<Integer> versions = held.get().versions();
        return reader.read(name, versions.get(versions.size() - 1));
    }

    /** Refuses a stage that is neither declared nor has a branch. */
    private void checkExists(StageName stage, RegistryPolicy policy) throws RegistryException {
        if (policy.stage(stage).isEmpty() && stages.head(stage) == null) {
            throw new StageNotFoundException(stage.value(), "stage '" + stage + "' does not exist; stages: "
                    + String.join(", ", policy.stageNames().stream().map(StageName::value).toList()));
        }
    }

    /** The names of all models, sorted. */
    public List<ModelName> models() throws RegistryException {
        List<ModelName> fromIndex = indexed.models();
        return fromIndex != null ? fromIndex : reader.models();
    }

    /** Each model's versions (all, or only the newest) as search candidates, in the order of {@code models}. */
    List<SearchSubject> candidates(List<ModelName> models, boolean latestOnly) throws RegistryException {
        List<SearchSubject> fromIndex = indexed.candidates(models, latestOnly);
        if (fromIndex != null) {
            return fromIndex;
        }
        List<SearchSubject> out = new ArrayList<>();
        for (List<ModelVersion> versions : versionsOf(models, latestOnly)) {
            versions.forEach(v -> out.add(SearchSubject.of(v)));
        }
        return out;
    }

    /** Each model's versions, oldest first (or only its newest), in the order of {@code models}. */
    private List<List<ModelVersion>> versionsOf(List<ModelName> models, boolean latestOnly) throws RegistryException {
        List<List<ModelVersion>> out = new ArrayList<>(models.size());
        for (ModelName m : models) {
            List<ModelVersion> all = versions(m);
            out.add(latestOnly ? all.subList(all.size() - 1, all.size()) : all);
        }
        return out;
    }

    /** Every version of a model, oldest first. */
    public List<ModelVersion> versions(ModelName name) throws RegistryException {
        List<ModelVersion> fromIndex = indexed.versions(name);
        if (fromIndex != null) {
            return fromIndex;
        }
        TreeMap<Integer, ObjectId> tags = reader.versionTags(name);
        if (tags.isEmpty()) {
            throw reader.notFound(name);
        }
        List<ModelVersion> out = new ArrayList<>(reader.readAll(name, tags));
        return out;
    }

    /** What every stage holds of every model, now ({@code at == null}) or at an instant. */
    public List<StageAssignment> status(Instant at) throws RegistryException {
        // one judge for the whole answer: it reads every registry.yaml of the branch's history, and
        // the policy cannot change in the middle of one read
        StageTrust.Judges judges = onceJudge();
        if (at == null) {
            List<StageAssignment> fromIndex = indexed.status((stage, commit, model, what, policy) ->
                    requireTrusted(stage, commit, model, what, judges, policy));
            if (fromIndex != null) {
                return fromIndex;
            }
        }
        List<StageName> order = stageNames();
        List<StageAssignment> out = new ArrayList<>();
        for (StageName stage : order) {
            ObjectId commit = at == null ? stages.head(stage) : stages.commitAt(stage, at);
            for (ModelName model : stages.modelsAt(commit)) {
                Optional<StageFile> f = stages.readAt(commit, stage, model);
                if (f.isPresent() && !f.get().versions().isEmpty()) {
                    requireTrusted(stage, commit, model, model + "@" + stage, judges);
                    out.add(new StageAssignment(model, stage, f.get().versions()));
                }
            }
        }
        out.sort(Comparator.comparing(StageAssignment::model).thenComparing(a -> order.indexOf(a.stage())));
        return out;
    }

    /** A model's registrations and stage changes on every stage, in time order. */
    public List<ModelEvent> history(ModelName name) throws RegistryException {
        List<ModelEvent> events = new ArrayList<>();
        for (ModelVersion v : versions(name)) {
            events.add(registration(v));
        }
        StageHistory audit = history();
        for (StageName stage : stageNames()) {
            events.addAll(audit.events(stage, stages.head(stage), name));
        }
        events.sort(Comparator.comparing(ModelEvent::at).thenComparing(e -> e.action() == EventAction.REGISTER ? 0 : 1));
        return events;
    }

    /** Every change of one stage, oldest first. */
    public List<ModelEvent> log(StageName stage) throws RegistryException {
        checkExists(stage, store.policy());
        return history().events(stage, stages.head(stage), null);
    }

    private static ModelEvent registration(ModelVersion v) {
        return new ModelEvent(EventAction.REGISTER, v.name(), v.version(), null, 0, v.description(), List.of(), v.createdBy(),
                v.created(), v.commit(), SignatureCheck.unsigned(), List.of());
    }

    /** Declared stages in declaration order, then any stage branch that exists without being declared. */
    public List<StageName> stageNames() throws RegistryException {
        List<StageName> fromIndex = indexed.stageNames();
        if (fromIndex != null) {
            return fromIndex;
        }
        List<StageName> names = new ArrayList<>(store.policy().stageNames());
        for (StageName stage : stages.branches()) {
            if (!names.contains(stage)) {
                names.add(stage);
            }
        }
        return names;
    }

    /**
     * Fails closed: refuses to answer from a stage whose change that put {@code model} there breaks
     * the policy, unless the configuration reads unverified stages (then it warns).
     */
    private void requireTrusted(StageName stage, ObjectId commit, ModelName model, String what, StageTrust.Judges judges)
            throws RegistryException {
        requireTrusted(stage, commit, model, what, judges, reader.blobId(reader.head(), RegistryYaml.FILE));
    }

    /** As above, under the registry.yaml blob {@code policy} (the one the index was built from). */
    private void requireTrusted(StageName stage, ObjectId commit, ModelName model, String what, StageTrust.Judges judges,
            ObjectId policy) throws RegistryException {
        // per read, not kept: the policy may have changed since the last read, and this is shared by threads
        StageTrust trust = new StageTrust(store.repository(), stages, judges, policy);
        List<Finding> findings = trust.check(stage, commit, model);
        if (findings.isEmpty()) {
            return;
        }
        Finding first = findings.get(0);
        String rules = String.join("; ", findings.stream().map(f -> f.rule() + ": " + f.message()).toList());
        if (store.config().readUnverified()) {
            LOG.warn("{} answers from stage commit {}, which breaks the policy ({}); read anyway because unverified reads are on",
                    what, first.commit(), rules);
            return;
        }
        throw new UntrustedStageException(stage.value(), first.commit(), findings.stream().map(Finding::rule).toList(), what
                + " is not trusted: stage commit " + first.commit().substring(0, 12) + " on stages/" + stage + " breaks the policy ("
                + rules + "). Run git-model verify for the whole report; to read it anyway (forensics), use --unverified");
    }

    /** The promotion requests here and fetched from remotes, judged under the policy in force. */
    public Requests requests() throws RegistryException {
        return new Requests(store.repository(), stages, judge());
    }

    /** A judge of stage changes under the registry's current policy. */
    /** A judge made on first use and then reused: for one read that may judge many stage commits. */
    private StageTrust.Judges onceJudge() {
        ChangeJudge[] made = new ChangeJudge[1];
        return () -> {
            if (made[0] == null) {
                made[0] = judge();
            }
            return made[0];
        };
    }

    public ChangeJudge judge() throws RegistryException {
        return new ChangeJudge(store.repository(), policies(), stages, reader);
    }

    /** Every registry.yaml the registry branch has had, each with how signatures are checked under it. */
    public PolicyHistory policies() throws RegistryException {
        ObjectId head = reader.head();
        return PolicyHistory.read(store.repository(), head, indexed.policyCommits(head), store.policy(),
                (policy, blob, inForce) -> inForce || blob == null ? store.verifier(policy) : store.formerVerifier(policy, blob),
                reader::hasModelCard);
    }

    /** The audited history of the stages. */
    private StageHistory history() throws RegistryException {
        ChangeJudge judge = judge();
        return new StageHistory(store.repository(), judge, judge.policies().current().verifier());
    }

    /** The verified signature of one commit. */
    public SignatureCheck signature(String commitId) throws RegistryException {
        try (RevWalk walk = new RevWalk(store.repository())) {
            return verifier().verify(walk.parseCommit(ObjectId.fromString(commitId))).check();
        } catch (IOException e) {
            throw new RegistryIOException("cannot read commit " + commitId, e);
        }
    }

    /** Verifies commit signatures under the registry's policy (its principals, or git's signer configuration). */
    public CommitVerifier verifier() throws RegistryException {
        return store.verifier(store.policy());
    }
}
