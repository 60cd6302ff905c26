package io.gitmodel.registry.internal.verify;

import io.gitmodel.registry.Finding;
import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.ProgressListener;
import io.gitmodel.registry.VerifyReport;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.internal.lfs.LfsObjectStore;
import io.gitmodel.registry.internal.index.RegistryIndex;
import io.gitmodel.registry.internal.stage.StageReader;
import io.gitmodel.registry.internal.store.Refs;
import io.gitmodel.registry.internal.store.RegistryLayout;
import io.gitmodel.registry.internal.store.RegistryReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.lib.Repository;

/**
 * {@code verify}: the whole registry over its whole history against its policy. Policy changes by
 * admins only; every stage commit valid under the policy in force when it was made; version tags
 * on their registration commits, versions unchanged since, pointers agreeing with model.yaml,
 * artifacts intact; no history rewritten since the last verify here.
 */
public final class RegistryAudit {
    private final Repository repo;
    private final RegistryReader reader;
    private final ChangeJudge judge;
    private final LfsObjectStore objects;
    private final ProgressListener progress;

    /** @param objects the artifact store to check, or null to skip artifacts */
    public RegistryAudit(Repository repo, RegistryReader reader, RegistryIndex index, ChangeJudge judge, LfsObjectStore objects,
            ProgressListener progress) {
        this.repo = repo;
        this.index = index;
        this.reader = reader;
        this.judge = judge.forWholeHistories();
        this.objects = objects;
        this.progress = progress;
    }

    private final RegistryIndex index;

    public VerifyReport run() throws RegistryException {
        List<Finding> out = new ArrayList<>();
        String branchRef = RegistryLayout.branchRef(reader.branch());
        PolicyAudit policy = new PolicyAudit(judge.policies(), branchRef);
        policy.check(out);
        Map<ModelName, Set<Integer>> staged = new TreeMap<>();
        StageAudit stages = new StageAudit(repo, judge);
        stages.check(out, staged);
        VersionAudit versions = new VersionAudit(repo, reader, objects, progress);
        IndexAudit derived = new IndexAudit(index);
        versions.readVersions = derived::compare;
        versions.check(out, staged);
        derived.finish();
        Watermarks seen = new Watermarks(repo);
        Set<String> appendOnly = new TreeSet<>(seen.known(StageReader.PREFIX));
        Refs.under(repo, StageReader.PREFIX).keySet().forEach(stage -> appendOnly.add(StageReader.PREFIX + stage));
        seen.check(branchRef, "the registry branch " + reader.branch(), out);
        for (String ref : appendOnly) {
            seen.check(ref, "the history of " + ref.substring("refs/heads/".length()), out);
        }
        return new VerifyReport(out, stages.commits, policy.changes, versions.versions, versions.artifacts,
                versions.artifactBytes);
    }
}
