package io.gitmodel.registry.internal.capture;

import io.gitmodel.registry.SourceCode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.URIish;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the training code a version came from: the Git repository around a directory, its
 * {@code origin} URL (credentials removed), {@code HEAD} commit and whether tracked files have
 * uncommitted changes (untracked files do not count, as in {@code git describe --dirty}).
 */
public final class SourceCapture {
    private static final Logger LOG = LoggerFactory.getLogger(SourceCapture.class);

    private SourceCapture() {
    }

    /** The source code around {@code directory}, or empty if it is not in a Git working tree with a commit. */
    public static Optional<SourceCode> capture(Path directory) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(directory.toFile());
        if (builder.getGitDir() == null) {
            return Optional.empty();
        }
        try (Repository repo = builder.setMustExist(true).build()) {
            if (repo.isBare()) {
                return Optional.empty();
            }
            ObjectId head = repo.resolve("HEAD^{commit}");
            if (head == null) {
                return Optional.empty();
            }
            Status status = Git.wrap(repo).status().setIgnoreSubmodules(org.eclipse.jgit.submodule.SubmoduleWalk.IgnoreSubmoduleMode.ALL).call();
            boolean dirty = !(status.getAdded().isEmpty() && status.getChanged().isEmpty() && status.getRemoved().isEmpty()
                    && status.getMissing().isEmpty() && status.getModified().isEmpty() && status.getConflicting().isEmpty());
            return Optional.of(new SourceCode(remoteUrl(repo), head.name(), dirty));
        } catch (IOException | GitAPIException | RuntimeException e) {
            LOG.warn("could not record the source code repository around {}: {}", directory, e.getMessage());
            return Optional.empty();
        }
    }

    private static String remoteUrl(Repository repo) {
        String url = repo.getConfig().getString("remote", "origin", "url");
        return url == null ? null : withoutCredentials(url);
    }

    /** Removes a password (and, for http(s), the user) from a remote URL so secrets never reach metadata. */
    public static String withoutCredentials(String url) {
        try {
            URIish uri = new URIish(url);
            if (uri.getScheme() != null && uri.getScheme().startsWith("http")) {
                uri = uri.setUser(null);
            }
            return uri.setPass(null).toString();
        } catch (URISyntaxException e) {
            return url.replaceAll("://[^/@]*@", "://");
        }
    }
}
