package io.gitmodel.registry.internal.transport;

import io.gitmodel.registry.Artifact;
import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.ProgressListener;
import io.gitmodel.registry.Remote;
import io.gitmodel.registry.errors.CorruptArtifactException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.errors.TransportException;
import io.gitmodel.registry.internal.lfs.LfsObjectStore;
import io.gitmodel.registry.internal.store.RegistryReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Moves the artifact objects that version tags need between the local store and a remote,
 * verifying every byte against its sha256 on the way: corrupt bytes are never stored.
 */
public final class ArtifactTransfer {
    private final Repository repo;
    private final LfsObjectStore local;
    private final ProgressListener progress;

    public ArtifactTransfer(Repository repo, LfsObjectStore local, ProgressListener progress) {
        this.repo = repo;
        this.local = local;
        this.progress = progress;
    }

    /** What was moved. */
    public record Moved(int objects, long bytes) {
    }

    /** The artifacts of every version tag under {@code tagPrefix} ({@code refs/tags/} or a remote mirror of it), by oid. */
    public Map<String, Artifact> artifactsOfTags(String tagPrefix, RegistryReader reader) throws RegistryException {
        try {
            return artifactsOf(repo.getRefDatabase().getRefsByPrefix(tagPrefix), tagPrefix, reader);
        } catch (IOException e) {
            throw new RegistryIOException("cannot list the versions under " + tagPrefix, e);
        }
    }

    /** The artifacts of these version tags (refs under {@code tagPrefix}), by oid. */
    public Map<String, Artifact> artifactsOf(List<Ref> tags, String tagPrefix, RegistryReader reader) throws RegistryException {
        Map<String, Artifact> out = new LinkedHashMap<>();
        try (RevWalk walk = new RevWalk(repo)) {
            for (Ref ref : tags) {
                String name = ref.getName().substring(tagPrefix.length());
                int at = name.lastIndexOf("@v");
                if (at <= 0 || !name.substring(at + 2).matches("[1-9][0-9]{0,8}")) {
                    continue;
                }
                ModelName model;
                try {
                    model = new ModelName(name.substring(0, at));
                } catch (IllegalArgumentException notAVersionTag) {
                    continue;
                }
                ObjectId commit = walk.parseCommit(ref.getObjectId()).copy();
                ModelVersion v = reader.readAt(model, Integer.parseInt(name.substring(at + 2)), commit);
                v.artifacts().forEach(a -> out.putIfAbsent(a.oid().hex(), a));
            }
        } catch (IOException e) {
            throw new RegistryIOException("cannot list the versions under " + tagPrefix, e);
        }
        return out;
    }

    /** Uploads what the remote lacks. */
    public Moved upload(Collection<Artifact> artifacts, Remote to, Map<String, String> env) throws RegistryException {
        LfsRemote remote = LfsRemotes.of(repo, to, env);
        String remoteName = to.name();
        List<Artifact> missing;
        try {
            missing = remote.missing(sorted(artifacts));
        } catch (IOException e) {
            throw new TransportException(remoteName, "cannot ask " + remoteName + " which artifacts it lacks: " + e.getMessage()
                    + "; nothing was pushed, run the push again", e);
        }
        int objects = 0;
        long bytes = 0;
        for (Artifact a : missing) {
            String task = "uploading " + a.path();
            try (InputStream in = counting(local.open(a.oid(), a.size(), "local object " + a.oid().hex()), task, a.size())) {
                remote.upload(a.oid(), a.size(), in);
            } catch (IOException e) {
                throw new TransportException(remoteName, "cannot upload artifact " + a.path() + " (object " + a.oid().hex() + ") to "
                        + remoteName + ": " + e.getMessage() + "; no ref was pushed, run the push again", e);
            } catch (TransportException e) {
                throw new TransportException(remoteName, "cannot upload artifact " + a.path() + " to " + remoteName + ": "
                        + e.getMessage(), e);
            }
            objects++;
            bytes += a.size();
        }
        return new Moved(objects, bytes);
    }

    /** Downloads what the local store lacks, verified; corrupt bytes are refused and not stored. */
    public Moved download(Collection<Artifact> artifacts, Remote from, Map<String, String> env) throws RegistryException {
        LfsRemote remote = LfsRemotes.of(repo, from, env);
        String remoteName = from.name();
        List<Artifact> missing = new ArrayList<>();
        for (Artifact a : sorted(artifacts)) {
            if (!local.contains(a.oid(), a.size())) {
                missing.add(a);
            }
        }
        try {
            remote.prepareDownloads(missing);
        } catch (IOException e) {
            throw new TransportException(remoteName, "cannot ask " + remoteName + " for the artifacts: " + e.getMessage()
                    + "; nothing changed locally, run the command again", e);
        }
        long bytes = 0;
        for (Artifact a : missing) {
            downloadOne(a, a.path().value(), remote, remoteName);
            bytes += a.size();
        }
        return new Moved(missing.size(), bytes);
    }

    /**
     * Downloads one object, verified against its sha256 and size; {@code what} names it in errors
     * ({@code fraud@v3:model.onnx}). Nothing is stored unless every byte matched.
     */
    public void downloadOne(Artifact a, String what, Remote from, Map<String, String> env) throws RegistryException {
        downloadOne(a, what, LfsRemotes.of(repo, from, env), from.name());
    }

    private void downloadOne(Artifact a, String what, LfsRemote remote, String remoteName) throws RegistryException {
        String task = "downloading " + a.path();
        try (InputStream in = counting(remote.open(a.oid(), a.size()), task, a.size())) {
            local.insertVerified(in, a.oid(), a.size(), done -> { });
        } catch (CorruptArtifactException e) {
            throw new TransportException(remoteName, "remote " + remoteName + " sent corrupt bytes for " + what + ": "
                    + e.getMessage() + "; run the command again", e);
        } catch (TransportException e) {
            throw new TransportException(remoteName, "cannot download " + what + " from " + remoteName + ": " + e.getMessage()
                    + "; nothing was stored, run the command again", e);
        } catch (IOException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new TransportException(remoteName, "cannot download " + what + " from " + remoteName + ": " + message
                    + (message.contains("nothing was stored") ? "" : "; nothing was stored") + ", run the command again", e);
        }
    }

    private static List<Artifact> sorted(Collection<Artifact> artifacts) {
        Map<String, Artifact> byOid = new TreeMap<>();
        artifacts.forEach(a -> byOid.putIfAbsent(a.oid().hex(), a));
        return new ArrayList<>(byOid.values());
    }

    private InputStream counting(InputStream in, String task, long total) {
        progress.update(task, 0, total);
        return new FilterInputStream(in) {
            private long done;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    done += n;
                    progress.update(task, done, total);
                }
                return n;
            }
        };
    }

    /** The mirror of a remote's tags: {@code refs/remote-tags/<remote>/}. */
    public static String remoteTagPrefix(String remote) {
        return "refs/remote-tags/" + remote + "/";
    }


}
