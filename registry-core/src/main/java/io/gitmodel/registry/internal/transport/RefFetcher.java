package io.gitmodel.registry.internal.transport;

import io.gitmodel.registry.Remote;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.internal.store.RegistryLayout;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;

/**
 * Fetches a remote's branches into {@code refs/remotes/<remote>/} and its tags into
 * {@code refs/remote-tags/<remote>/}, so that nothing local moves until the pull decides how.
 */
public final class RefFetcher {
    private RefFetcher() {
    }

    public static void fetch(Repository repo, Remote remote, Map<String, String> env) throws RegistryException {
        // JGit runs "gc --auto" after every fetch, by default in a background thread that would race
        // with what follows (a failed clone deleting its directory, our own housekeeping): in the
        // foreground, for this repository object only (not saved)
        StoredConfig config = repo.getConfig();
        String autoDetach = config.getString("gc", null, "autoDetach");
        config.setBoolean("gc", null, "autoDetach", false);
        try {
            Git.wrap(repo).fetch().setRemote(remote.name())
                    .setRefSpecs(new RefSpec("+refs/heads/*:refs/remotes/" + remote.name() + "/*"),
                            new RefSpec("+refs/tags/*:" + RegistryLayout.remoteTagPrefix(remote.name()) + "*"))
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
    }
}
