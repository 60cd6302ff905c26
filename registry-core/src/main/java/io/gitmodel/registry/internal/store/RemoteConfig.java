package io.gitmodel.registry.internal.store;

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
import org.eclipse.jgit.lib.StoredConfig;

/** Remotes in the repository's config ({@code remote.<name>.url}), and the registry's settings about them. */
public final class RemoteConfig {
    /** Repository config key naming the remote that missing artifacts are fetched from on demand. */
    public static final String LAZY_REMOTE = "lazyRemote";
    /** Repository config key: pulls fetch no artifact bytes unless told otherwise (set by metadata-only clones). */
    public static final String METADATA_ONLY = "metadataOnly";

    private RemoteConfig() {
    }

    /** Remembers the remote that missing artifacts are fetched from on demand (saved by the caller). */
    public static void setLazy(StoredConfig config, String remote) {
        config.setString(RegistryLayout.CONFIG_SECTION, null, LAZY_REMOTE, remote);
    }

    /** The remote that missing artifacts are fetched from on demand, if a metadata-only pull or clone named one. */
    public static java.util.Optional<String> lazyRemote(Repository repo) {
        return java.util.Optional.ofNullable(repo.getConfig().getString(RegistryLayout.CONFIG_SECTION, null, LAZY_REMOTE));
    }

    /** Whether pulls fetch no artifact bytes by default ({@code gitmodel.metadataOnly}, set by metadata-only clones). */
    public static boolean metadataOnly(Repository repo) {
        return repo.getConfig().getBoolean(RegistryLayout.CONFIG_SECTION, null, METADATA_ONLY, false);
    }

    /** Remembers the lazy remote and saves the configuration. */
    public static void rememberLazy(Repository repo, String remote) throws RegistryException {
        StoredConfig config = repo.getConfig();
        setLazy(config, remote);
        save(config);
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
                    + redact(config.getString("remote", remote.name(), "url")) + "); remove it first with:"
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
        String shown = redact(url);
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

    /** A URL as shown to people: without the user name and password it may carry. */
    public static String redact(String url) {
        return url.replaceAll("://[^/]*@", "://");
    }
}
