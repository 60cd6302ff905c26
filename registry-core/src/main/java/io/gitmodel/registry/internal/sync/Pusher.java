package io.gitmodel.registry.internal.sync;

import io.gitmodel.registry.ProgressListener;
import io.gitmodel.registry.Remote;
import io.gitmodel.registry.TransferResult;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.TransportException;
import io.gitmodel.registry.internal.config.GitConfigLoader;
import io.gitmodel.registry.internal.lfs.LfsObjectStore;
import io.gitmodel.registry.internal.stage.StageReader;
import io.gitmodel.registry.internal.store.RegistryLayout;
import io.gitmodel.registry.internal.store.RegistryReader;
import io.gitmodel.registry.internal.store.RegistryStore;
import io.gitmodel.registry.internal.store.RemoteConfig;
import io.gitmodel.registry.internal.store.WorkingTreeSync;
import io.gitmodel.registry.internal.transport.ArtifactTransfer;
import io.gitmodel.registry.internal.transport.Credentials;
import io.gitmodel.registry.internal.transport.TransportFailures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * Pushes a registry: artifact objects first, then, atomically (all or none), the registry
 * branch, every version tag and every stage branch. Nothing is forced: a version tag that exists
 * on the remote with another commit, or a stage branch whose history would be rewritten, makes
 * the whole push fail with the commands to resolve it.
 */
public final class Pusher {
    private Pusher() {
    }

    /**
     * A ref pushed besides the registry's: a promotion request branch.
     *
     * @param value what to push, or null to delete the ref on the remote
     * @param force whether the remote's value may be replaced by one that does not contain it
     */
    public record Extra(String ref, ObjectId value, boolean force) {
    }

    public static TransferResult push(RegistryStore store, Remote remote, ProgressListener progress) throws RegistryException {
        return push(store, remote, progress, List.of());
    }

    public static TransferResult push(RegistryStore store, Remote remote, ProgressListener progress, List<Extra> extras)
            throws RegistryException {
        Repository repo = store.repository();
        RegistryReader reader = store.reader();
        LfsObjectStore objects = store.objects();
        java.util.Map<String, String> env = store.config().environment();
        // one snapshot of the refs: what is uploaded is exactly what the refs pushed need, even if
        // a version is registered while the artifacts travel
        String branchRef = RegistryLayout.branchRef(reader.branch());
        List<Ref> tags = new ArrayList<>();
        List<Ref> refs = new ArrayList<>();
        try {
            Ref branch = repo.exactRef(branchRef);
            if (branch != null) {
                refs.add(branch);
            }
            for (Ref tag : repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
                if (tag.getName().matches("refs/tags/[a-z0-9][a-z0-9._-]*@v[1-9][0-9]*")) {
                    tags.add(tag);
                }
            }
            refs.addAll(tags);
            refs.addAll(repo.getRefDatabase().getRefsByPrefix(StageReader.PREFIX));
        } catch (IOException e) {
            throw new TransportException(remote.name(), "cannot list the refs to push: " + e.getMessage(), e);
        }
        ArtifactTransfer transfer = new ArtifactTransfer(repo, objects, progress);
        ArtifactTransfer.Moved moved = transfer.upload(transfer.artifactsOf(tags, Constants.R_TAGS, reader).values(), remote, env);
        List<RefSpec> specs = new ArrayList<>();
        for (Ref ref : refs) {
            specs.add(new RefSpec(ref.getObjectId().name() + ":" + ref.getName()));
        }
        for (Extra e : extras) {
            specs.add(new RefSpec((e.force() ? "+" : "") + (e.value() == null ? "" : e.value().name()) + ":" + e.ref()));
        }
        Iterable<PushResult> results;
        // JGit runs the repository's pre-push hook, as git does (git-lfs installs one that finds the
        // objects already uploaded): its output must not mix with what the caller prints, so it is logged
        java.io.ByteArrayOutputStream hookOutput = new java.io.ByteArrayOutputStream();
        java.io.PrintStream hook = new java.io.PrintStream(hookOutput, true, java.nio.charset.StandardCharsets.UTF_8);
        try {
            org.eclipse.jgit.api.PushCommand push = Git.wrap(repo).push().setRemote(remote.name()).setRefSpecs(specs)
                    .setAtomic(true)
                    .setCredentialsProvider(Credentials.provider(remote.url(), env, repo.getDirectory().toPath()))
                    .setHookOutputStream(hook).setHookErrorStream(hook)
                    .setProgressMonitor(NullProgressMonitor.INSTANCE);
            String receivePack = receivePack(remote, env);
            if (receivePack != null) {
                push.setReceivePack(receivePack);
            }
            results = push.call();
        } catch (GitAPIException | RuntimeException e) {
            logHook(hookOutput);
            throw TransportFailures.of("push to", remote, e, "No ref was pushed; artifacts already uploaded are skipped"
                    + " next time");
        }
        logHook(hookOutput);
        List<String> updated = new ArrayList<>();
        RemoteRefUpdate refused = null;
        StringBuilder remoteSaid = new StringBuilder();
        for (PushResult result : results) {
            if (result.getMessages() != null && !result.getMessages().isBlank()) {
                remoteSaid.append(result.getMessages().strip());
            }
            for (RemoteRefUpdate u : result.getRemoteUpdates()) {
                switch (u.getStatus()) {
                    case OK -> updated.add(u.getRemoteName());
                    case UP_TO_DATE, NON_EXISTING -> {
                        // already there; or a ref to delete (a merged request's branch) the remote never had
                    }
                    default -> {
                        boolean aborted = u.getMessage() != null && u.getMessage().contains("transaction aborted");
                        if (refused == null || !aborted && refused.getMessage() != null && refused.getMessage().contains("transaction aborted")) {
                            refused = u;
                        }
                    }
                }
            }
        }
        if (refused != null) {
            // a server hook (git-model verify --pre-receive) says why in its messages
            String said = remoteSaid.toString().lines().map(String::strip).filter(l -> !l.isEmpty())
                    .collect(java.util.stream.Collectors.joining("; "));
            throw new TransportException(remote.name(), explain(refused, remote) + "; nothing was pushed"
                    + (said.isEmpty() ? "" : ". " + remote.name() + " said: " + said));
        }
        if (updated.contains(branchRef)) {
            followWorkingTree(remote, branchRef, env);
        }
        return new TransferResult(remote.name(), updated, moved.objects(), moved.bytes(), List.of());
    }

    /**
     * For a remote on this machine whose repository has server hooks, git's own receive-pack
     * (JGit receives in-process and would skip them, so a pre-receive hook guarding a shared
     * repository would not run); null otherwise.
     */
    private static String receivePack(Remote remote, java.util.Map<String, String> env) throws TransportException {
        java.nio.file.Path gitDir = io.gitmodel.registry.internal.store.RemoteConfig.localGitDir(remote.url());
        if (gitDir == null) {
            return null;
        }
        java.nio.file.Path hooks = gitDir.resolve("hooks");
        boolean guarded = java.util.stream.Stream.of("pre-receive", "update", "post-receive")
                .anyMatch(h -> java.nio.file.Files.isExecutable(hooks.resolve(h)));
        if (!guarded) {
            return null;
        }
        String path = env.getOrDefault("PATH", System.getenv().getOrDefault("PATH", ""));
        for (String dir : path.split(java.io.File.pathSeparator)) {
            java.nio.file.Path git = java.nio.file.Path.of(dir.isEmpty() ? "." : dir, "git");
            if (java.nio.file.Files.isExecutable(git)) {
                return "'" + git.toAbsolutePath().toString().replace("'", "'\\''") + "' receive-pack";
            }
        }
        throw new TransportException(remote.name(), remote.displayUrl() + " has server hooks (" + hooks + "), which only git"
                + " runs; install git so that the push goes through them. Nothing was pushed");
    }

    private static String explain(RemoteRefUpdate u, Remote remote) {
        String ref = u.getRemoteName();
        String name = Repository.shortenRefName(ref);
        boolean rejected = u.getStatus() == RemoteRefUpdate.Status.REJECTED_NONFASTFORWARD
                || u.getStatus() == RemoteRefUpdate.Status.REJECTED_REMOTE_CHANGED;
        if (ref.startsWith(Constants.R_TAGS) && rejected) {
            return "version tag " + name + " exists on " + remote.name() + " with another commit: versions never move;"
                    + " run git-model pull " + remote.name() + " (your unpublished versions get new numbers), then push again";
        }
        if (ref.startsWith(io.gitmodel.registry.RequestName.PREFIX) && rejected) {
            return "request branch " + name + " on " + remote.name() + " has commits this registry lacks (approvals pushed"
                    + " meanwhile): run git-model pull " + remote.name() + ", then approve or push again";
        }
        if (ref.startsWith(StageReader.PREFIX) && rejected) {
            return "stage branch " + name + " on " + remote.name() + " has changes this registry lacks, and stage history is"
                    + " never rewritten: run git-model pull " + remote.name() + ", then push again";
        }
        if (rejected) {
            return name + " on " + remote.name() + " has commits this registry lacks (registrations made elsewhere, or "
                    + remote.name() + " is not a git-model registry): run git-model pull " + remote.name()
                    + " to take them (it says so if it is not a registry), then push again";
        }
        return remote.name() + " refused " + name + " (" + u.getStatus() + (u.getMessage() == null ? "" : ": " + u.getMessage()) + ")";
    }

    /**
     * A local remote with a working tree that has the registry branch checked out gets its index
     * and files brought up to date, as git's {@code receive.denyCurrentBranch=updateInstead} does;
     * otherwise its {@code git status} would show every pushed version as deleted.
     */
    private static void followWorkingTree(Remote remote, String branchRef, java.util.Map<String, String> env) {
        java.nio.file.Path gitDir = RemoteConfig.localGitDir(remote.url());
        if (gitDir == null) {
            return;
        }
        try (Repository target = new org.eclipse.jgit.storage.file.FileRepositoryBuilder().setGitDir(gitDir.toFile())
                .setMustExist(true).build()) {
            if (!target.isBare()) {
                WorkingTreeSync.afterUpdate(target, branchRef, new LfsObjectStore(gitDir),
                        new GitConfigLoader(env).load(gitDir));
            }
        } catch (IOException | org.eclipse.jgit.errors.ConfigInvalidException e) {
            org.slf4j.LoggerFactory.getLogger(Pusher.class).warn("pushed to {}, but its working tree could not follow ({});"
                    + " run 'git checkout -f' there", remote.name(), e.getMessage());
        }
    }

    private static void logHook(java.io.ByteArrayOutputStream output) {
        String text = output.toString(java.nio.charset.StandardCharsets.UTF_8).strip();
        if (!text.isEmpty()) {
            org.slf4j.LoggerFactory.getLogger(Pusher.class).info("pre-push hook: {}", text.replaceAll("\\s*[\\r\\n]+\\s*", " | "));
        }
    }
}
