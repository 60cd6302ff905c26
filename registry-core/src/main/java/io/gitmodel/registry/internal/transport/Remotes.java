package io.gitmodel.registry.internal.transport;

import io.gitmodel.registry.Remote;
import io.gitmodel.registry.errors.InvalidValueException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.errors.TransportException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.util.FS;

/** Remotes in the repository's config, and where their artifact bytes live. */
public final class Remotes {
    /** Repository config key naming the remote that missing artifacts are fetched from on demand. */
    public static final String LAZY_REMOTE = "lazyRemote";
    /** Repository config key: pulls fetch no artifact bytes unless told otherwise (set by metadata-only clones). */
    public static final String METADATA_ONLY = "metadataOnly";

    private Remotes() {
    }

    public static List<Remote> list(Repository repo) {
        List<Remote> out = new ArrayList<>();
        StoredConfig config = repo.getConfig();
        for (String name : config.getSubsections("remote")) {
            String url = config.getString("remote", name, "url");
            if (url != null) {
                out.add(new Remote(name, url));
            }
        }
        out.sort(java.util.Comparator.comparing(Remote::name));
        return out;
    }

    public static Remote get(Repository repo, String name) throws RegistryException {
        return list(repo).stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new TransportException(name, "no remote named '" + name + "'; add one with: git-model remote add "
                        + name + " <url>"));
    }

    public static void add(Repository repo, Remote remote) throws RegistryException {
        checkSupported(remote);
        StoredConfig config = repo.getConfig();
        if (config.getString("remote", remote.name(), "url") != null) {
            throw new TransportException(remote.name(), "remote '" + remote.name() + "' already exists ("
                    + Credentials.redact(config.getString("remote", remote.name(), "url")) + "); remove it first with:"
                    + " git-model remote remove " + remote.name());
        }
        config.setString("remote", remote.name(), "url", remote.url());
        config.setString("remote", remote.name(), "fetch", "+refs/heads/*:refs/remotes/" + remote.name() + "/*");
        save(config);
    }

    /**
     * Refuses URLs git-model cannot move artifacts over, before they are stored: only a local
     * path, {@code file://} and {@code http(s)://} (an SSH-hosted repository has an HTTPS URL for
     * Git LFS too).
     */
    public static void checkSupported(Remote remote) {
        String url = remote.url();
        String shown = Credentials.redact(url);
        if (url.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new InvalidValueException("the URL of remote " + remote.name() + " contains control characters");
        }
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                String reason = e.getCause() instanceof java.net.URISyntaxException syntax ? syntax.getReason() : "malformed";
                throw new InvalidValueException("the URL of remote " + remote.name() + " is not a valid URL (" + reason
                        + "); percent-encode spaces and special characters, also in a user name or password: " + shown);
            }
            if (uri.getHost() == null) {
                throw new InvalidValueException("the URL of remote " + remote.name() + " has no host: " + shown);
            }
            if (uri.getPort() > 65535) {
                throw new InvalidValueException("the URL of remote " + remote.name() + " has a port out of range: " + shown);
            }
            return;
        }
        if (lower.startsWith("file://") || !url.contains("://") && !url.matches("[^/]+@[^/]+:.*")) {
            return;
        }
        throw new InvalidValueException("remote " + remote.name() + " (" + shown + "): git-model moves artifacts to and from a"
                + " local path, a file:// URL or an http(s):// URL (Git smart HTTP + Git LFS); for an SSH-hosted repository"
                + " use its HTTPS URL");
    }

    public static void remove(Repository repo, String name) throws RegistryException {
        get(repo, name);
        StoredConfig config = repo.getConfig();
        config.unsetSection("remote", name);
        save(config);
    }

    private static void save(StoredConfig config) throws RegistryIOException {
        try {
            config.save();
        } catch (IOException e) {
            throw new RegistryIOException("cannot write the repository configuration", e);
        }
    }

    /** The Git directory of a remote on this machine, or null for a network URL. */
    public static Path localGitDir(String url) {
        Path path;
        if (url.startsWith("file://")) {
            path = Path.of(URI.create(url));
        } else if (url.contains("://") || url.matches("[^/]+@[^/]+:.*")) {
            return null;
        } else {
            path = Path.of(url);
        }
        path = path.toAbsolutePath().normalize();
        if (Files.isDirectory(path.resolve(".git"))) {
            return path.resolve(".git");
        }
        return path;
    }

    /** Where the remote keeps artifact bytes: its LFS store on this machine, or its Git LFS server. */
    public static LfsRemote lfs(Repository repo, Remote remote, java.util.Map<String, String> env) throws RegistryException {
        String url = remote.url();
        if (url.startsWith("http://") || url.startsWith("https://")) {
            String lfsUrl = repo.getConfig().getString("remote", remote.name(), "lfsurl");
            try {
                return new HttpLfsRemote(remote.name(), url, lfsUrl, env, repo.getDirectory().toPath());
            } catch (IllegalArgumentException e) {
                throw new TransportException(remote.name(), "remote '" + remote.name() + "' has an invalid URL or lfsurl ("
                        + Credentials.redact(lfsUrl != null ? lfsUrl : url) + "); fix it with: git config remote." + remote.name()
                        + ".url <url>", e);
            }
        }
        Path gitDir = localGitDir(url);
        if (gitDir == null) {
            throw new TransportException(remote.name(), "remote '" + remote.name() + "' (" + Credentials.redact(url) + ") uses a"
                    + " transport git-model cannot move artifacts over; use a local path, file:// or http(s)://");
        }
        if (!RepositoryCache.FileKey.isGitRepository(gitDir.toFile(), FS.DETECTED)) {
            throw new TransportException(remote.name(), "remote '" + remote.name() + "' (" + remote.displayUrl()
                    + ") is not a Git repository; create one with: git-model init --bare " + remote.displayUrl());
        }
        return new LocalLfsRemote(gitDir);
    }
}
