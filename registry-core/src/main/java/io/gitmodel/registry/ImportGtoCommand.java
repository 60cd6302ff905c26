package io.gitmodel.registry;

import io.gitmodel.registry.errors.InvalidInputException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.internal.lfs.SharedFiles;
import io.gitmodel.registry.internal.migrate.GtoHistory;
import io.gitmodel.registry.internal.migrate.GtoTag;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Imports a registry made by GTO: its Git tags become git-model history, in the order they were
 * made, each step dated and attributed as its tag was. A registration tag {@code name@v1.2.3}
 * registers the next version number, with the files {@code artifacts.yaml} names as the
 * artifact's {@code path} at that commit and the tags {@code gto_version} (the mapping from
 * semantic version to number) and {@code gto_tag}; a stage tag {@code name#stage#N} promotes the
 * version registered on its commit, {@code name#stage!#N} demotes it; a deregistration
 * {@code name@v1.2.3!#} and a deprecation {@code name@deprecated} archive (git-model never
 * deletes what was published). GTO's stage names map to the registry's ({@code prod} to
 * {@code production} by default when the registry declares no {@code prod}).
 *
 * <p>Everything is checked before the first step is written: names, stages, that every stage tag
 * names a registered version, that the registry's rules (a required stage first; approvals,
 * which history cannot carry) admit the history, and that it was not imported before.
 */
public final class ImportGtoCommand extends RegistryCommand<ImportGtoCommand.Result> {
    /** The tag recording a version's semantic version in GTO. */
    public static final String VERSION_TAG = "gto_version";

    /**
     * What the import did.
     *
     * @param versions the versions registered, each with the GTO tag it came from
     * @param changes  the stage changes made, in order, e.g. {@code fraud@v2 -> production (fraud#prod#3)}
     */
    public record Result(Map<String, ModelVersion> versions, List<String> changes) {
        public Result {
            versions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(versions));
            changes = List.copyOf(changes);
        }
    }

    private final Registry registry;
    private final Path source;
    private final Map<String, String> stageMap = new HashMap<>();
    private ProgressListener progress = ProgressListener.NONE;

    ImportGtoCommand(Registry registry, Path source) {
        this.registry = registry;
        this.source = Objects.requireNonNull(source, "source");
    }

    /** Maps a GTO stage to a stage of the registry, e.g. {@code stage("prod", "production")}. */
    public ImportGtoCommand stage(String gtoStage, String stage) {
        stageMap.put(gtoStage, StageName.of(stage).value());
        return this;
    }

    /** Receives progress: one task per tag. */
    public ImportGtoCommand progress(ProgressListener listener) {
        this.progress = Objects.requireNonNull(listener, "listener");
        return this;
    }

    @Override
    public Result call() throws RegistryException {
        checkCallable();
        try (GtoHistory gto = GtoHistory.open(source)) {
            List<GtoTag> tags = gto.tags();
            if (tags.isEmpty()) {
                throw new InvalidInputException(source + " has no GTO tags (name@v1.2.3, name#stage#N): nothing to import");
            }
            RegistryPolicy policy = registry.policy();
            check(tags, policy);
            return replay(gto, tags, policy);
        }
    }

    private String stageOf(String gtoStage, RegistryPolicy policy) {
        String mapped = stageMap.get(gtoStage);
        if (mapped != null) {
            return mapped;
        }
        if (gtoStage.equals("prod") && policy.stage("prod").isEmpty() && policy.stage("production").isPresent()) {
            return "production";
        }
        return gtoStage;
    }

    /** Refuses, before anything is written, a history the registry cannot take. */
    private void check(List<GtoTag> tags, RegistryPolicy policy) throws RegistryException {
        Set<String> registered = new HashSet<>();
        Set<String> checkedModels = new HashSet<>();
        List<ModelName> models = registry.models();
        Map<String, String> onCommit = new HashMap<>();
        Map<String, Set<String>> everIn = new HashMap<>();
        for (GtoTag t : tags) {
            try {
                ModelName.of(t.artifact());
            } catch (InvalidInputException e) {
                throw new InvalidInputException("GTO tag " + t.name() + ": " + e.getMessage());
            }
            if (checkedModels.add(t.artifact())) {
                refuseImportedBefore(t.artifact(), models);
            }
            switch (t.kind()) {
                case REGISTER -> {
                    registered.add(t.artifact() + "@" + t.version());
                    onCommit.put(t.artifact() + " " + t.commit().name(), t.version());
                }
                case ASSIGN, UNASSIGN -> {
                    String version = onCommit.get(t.artifact() + " " + t.commit().name());
                    if (version == null) {
                        throw new InvalidInputException("GTO tag " + t.name() + " assigns a stage to commit " + t.commit().abbreviate(12)
                                .name() + ", where no version of " + t.artifact() + " was registered before it");
                    }
                    String stage = stageOf(t.stage(), policy);
                    StageRules rules = policy.stage(stage).orElseThrow(() -> new InvalidInputException("GTO stage '" + t.stage()
                            + "' (tag " + t.name() + ") is not a stage of this registry (" + String.join(", ", policy.stageNames()
                            .stream().map(StageName::value).toList()) + "); map it with --stage " + t.stage() + "=<stage>"));
                    if (t.kind() == GtoTag.Kind.ASSIGN) {
                        if (rules.approvals() > 0) {
                            throw new InvalidInputException("stage " + stage + " needs " + rules.approvals() + " approval(s), which GTO's"
                                    + " history does not have; import into a registry whose stages need none, then set the rule"
                                    + " back with git-model policy set");
                        }
                        String key = t.artifact() + "@" + version;
                        if (rules.requires() != null && !everIn.getOrDefault(rules.requires().value(), Set.of()).contains(key)) {
                            throw new InvalidInputException("GTO tag " + t.name() + " puts " + key + " in " + stage + ", which requires "
                                    + rules.requires() + " first and it was never there; map the stages (--stage) or relax the rule"
                                    + " with git-model policy set before importing");
                        }
                        everIn.computeIfAbsent(stage, k -> new HashSet<>()).add(key);
                    }
                }
                case DEREGISTER -> {
                    if (!registered.contains(t.artifact() + "@" + t.version())) {
                        throw new InvalidInputException("GTO tag " + t.name() + " deregisters a version never registered");
                    }
                }
                case DEPRECATE -> {
                    // archives whatever the artifact has by then
                }
            }
        }
    }

    /** Refuses a model one of whose versions already came from GTO: the same history would be imported twice. */
    private void refuseImportedBefore(String artifact, List<ModelName> models) throws RegistryException {
        if (!models.contains(ModelName.of(artifact))) {
            return;
        }
        for (ModelVersion v : registry.versions(artifact)) {
            if (v.tags().containsKey(VERSION_TAG)) {
                throw new InvalidInputException(artifact + " was imported from GTO before (" + v.ref() + " is "
                        + v.tags().get(VERSION_TAG) + "); import into a registry that does not have it yet");
            }
        }
    }

    private Result replay(GtoHistory gto, List<GtoTag> tags, RegistryPolicy policy) throws RegistryException {
        Map<String, ModelVersion> versions = new LinkedHashMap<>();
        Map<String, ModelVersion> byCommit = new HashMap<>();
        Map<String, ModelVersion> bySemver = new HashMap<>();
        List<String> changes = new ArrayList<>();
        boolean archive = policy.stage("archived").map(StageRules::multiValued).orElse(false);
        Path work;
        try {
            work = Files.createTempDirectory("gto-import");
        } catch (IOException e) {
            throw new RegistryIOException("cannot make a temporary directory for the import", e);
        }
        try {
            for (int i = 0; i < tags.size(); i++) {
                GtoTag t = tags.get(i);
                progress.update("importing " + (i + 1) + "/" + tags.size() + " " + t.name(), i, tags.size());
                RegistryConfig asThen = registry.config().toBuilder().clock(Clock.fixed(t.when(), ZoneOffset.UTC))
                        .identity(Person.parse(t.by())).build();
                try (Registry r = Registry.open(registry.directory(), asThen)) {
                    String reason = t.message().isBlank() ? "GTO: " + t.name() : t.message();
                    switch (t.kind()) {
                        case REGISTER -> {
                            RegisterCommand register = r.register(t.artifact()).tag(VERSION_TAG, t.version()).tag("gto_tag", t.name())
                                    .description(t.message().isBlank() ? "imported from GTO tag " + t.name() : t.message());
                            gto.files(t.artifact(), t.commit(), Files.createDirectories(work.resolve(Integer.toString(i))))
                                    .forEach(register::artifact);
                            ModelVersion v = register.call();
                            versions.put(t.name(), v);
                            byCommit.put(t.artifact() + " " + t.commit().name(), v);
                            bySemver.put(t.artifact() + "@" + t.version(), v);
                        }
                        case ASSIGN -> {
                            ModelVersion v = byCommit.get(t.artifact() + " " + t.commit().name());
                            String stage = stageOf(t.stage(), policy);
                            r.promote(v.ref().toString(), stage).reason(reason).call();
                            changes.add(v.ref() + " -> " + stage + " (" + t.name() + ")");
                        }
                        case UNASSIGN -> {
                            ModelVersion v = byCommit.get(t.artifact() + " " + t.commit().name());
                            String stage = stageOf(t.stage(), policy);
                            if (r.status(null).stream().anyMatch(a -> a.model().equals(v.name()) && a.stage().value().equals(stage)
                                    && a.versions().contains(v.version()))) {
                                r.demote(v.ref().toString(), stage).reason(reason).call();
                                changes.add(v.ref() + " out of " + stage + " (" + t.name() + ")");
                            }
                        }
                        case DEREGISTER -> {
                            if (archive) {
                                ModelVersion v = bySemver.get(t.artifact() + "@" + t.version());
                                r.archive(v.ref().toString()).reason(reason).call();
                                changes.add(v.ref() + " -> archived (" + t.name() + ")");
                            }
                        }
                        case DEPRECATE -> {
                            if (archive) {
                                for (ModelVersion v : r.versions(t.artifact())) {
                                    if (r.status(null).stream().noneMatch(a -> a.model().equals(v.name())
                                            && a.stage().value().equals("archived") && a.versions().contains(v.version()))) {
                                        r.archive(v.ref().toString()).reason(reason).call();
                                        changes.add(v.ref() + " -> archived (" + t.name() + ")");
                                    }
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new RegistryIOException("cannot stage the files of a GTO version in " + work, e);
        } finally {
            SharedFiles.deleteTree(work);
        }
        progress.update("imported " + tags.size() + " GTO tags", tags.size(), tags.size());
        return new Result(versions, changes);
    }
}
