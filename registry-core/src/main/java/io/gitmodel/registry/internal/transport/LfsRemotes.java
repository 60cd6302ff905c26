package io.gitmodel.registry.internal.transport;

import io.gitmodel.registry.Remote;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.TransportException;
import io.gitmodel.registry.internal.store.RemoteConfig;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.util.FS;

/** Where a remote keeps its artifact bytes. */
final class LfsRemotes {
    private LfsRemotes() {
    }

    /** Where the remote keeps artifact bytes: its LFS store on this machine, or its Git LFS server. */
    static LfsRemote of(Repository repo, Remote remote, Map<String, String> env) throws RegistryException {
        String url = remote.url();
        if (url.startsWith("http://") || url.startsWith("https://")) {
            String lfsUrl = repo.getConfig().getString("remote", remote.name(), "lfsurl");
            try {
                return new HttpLfsRemote(remote.name(), url, lfsUrl, env, repo.getDirectory().toPath());
            } catch (IllegalArgumentException e) {
                throw new TransportException(remote.name(), "remote '" + remote.name() + "' has an invalid URL or lfsurl ("
                        + RemoteConfig.redact(lfsUrl != null ? lfsUrl : url) + "); fix it with: git config remote." + remote.name()
                        + ".url <url>", e);
            }
        }
        Path gitDir = RemoteConfig.localGitDir(url);
        if (gitDir == null) {
            throw new TransportException(remote.name(), "remote '" + remote.name() + "' (" + RemoteConfig.redact(url) + ") uses a"
                    + " transport git-model cannot move artifacts over; use a local path, file:// or http(s)://");
        }
        if (!RepositoryCache.FileKey.isGitRepository(gitDir.toFile(), FS.DETECTED)) {
            throw new TransportException(remote.name(), "remote '" + remote.name() + "' (" + remote.displayUrl()
                    + ") is not a Git repository; create one with: git-model init --bare " + remote.displayUrl());
        }
        return new LocalLfsRemote(gitDir);
    }
}
