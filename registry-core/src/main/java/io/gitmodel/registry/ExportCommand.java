package io.gitmodel.registry;

import io.gitmodel.registry.errors.ArtifactIntegrityException;
import io.gitmodel.registry.errors.InvalidInputException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.errors.UnsafePathException;
import io.gitmodel.registry.internal.sync.LazyArtifacts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes a version's artifacts into a directory, each at its artifact path. Every file is
 * verified against its sha256 while it is written to a temporary file, and renamed into place
 * only when it matches; an existing file at that path is replaced.
 */
public final class ExportCommand extends RegistryCommand<List<Path>> {
    private final Registry registry;
    private final ModelVersion version;
    private final Path target;
    private final List<ArtifactPath> only = new ArrayList<>();
    private ProgressListener progress = ProgressListener.NONE;

    ExportCommand(Registry registry, ModelVersion version, Path target) {
        this.registry = registry;
        this.version = Objects.requireNonNull(version, "version");
        this.target = Objects.requireNonNull(target, "target").toAbsolutePath().normalize();
    }

    /** Exports only this artifact (repeatable); default: all of them. */
    public ExportCommand path(String artifactPath) {
        only.add(ArtifactPath.of(artifactPath));
        return this;
    }

    public ExportCommand progress(ProgressListener listener) {
        this.progress = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** @return the files written, in artifact path order */
    @Override
    public List<Path> call() throws RegistryException {
        checkCallable();
        List<Artifact> selected = new ArrayList<>();
        if (only.isEmpty()) {
            selected.addAll(version.artifacts());
        } else {
            for (ArtifactPath p : only) {
                selected.add(Registry.artifact(version, p));
            }
        }
        List<Path> written = new ArrayList<>();
        for (Artifact a : selected) {
            written.add(export(a));
        }
        return written;
    }

    private Path export(Artifact a) throws RegistryException {
        Path file = target.resolve(a.path().value()).normalize();
        if (!file.startsWith(target)) {
            throw new UnsafePathException(a.path().value(), "artifact path " + a.path() + " escapes " + target);
        }
        String what = version.ref() + ":" + a.path();
        String task = "exporting " + a.path();
        Path temp = null;
        try {
            Files.createDirectories(file.getParent());
            Path realTarget = target.toRealPath();
            if (!file.getParent().toRealPath().startsWith(realTarget)) {
                throw new io.gitmodel.registry.errors.InvalidArtifactException(file, "cannot export " + what + " to " + file
                        + ": a symbolic link inside " + target + " leads outside it");
            }
            if (Files.isSymbolicLink(file) || Files.isDirectory(file)) {
                throw new InvalidInputException("cannot export " + what + " to " + file
                        + ": a directory or symbolic link is in the way");
            }
            temp = io.gitmodel.registry.internal.lfs.SharedFiles.createTemp(file.getParent(), "." + a.path().fileName() + ".",
                    ".part");
            LazyArtifacts.fetchIfMissing(registry.store(), a, what);
            try (InputStream in = registry.store().objects().open(a.oid(), a.size(), what); OutputStream out = Files.newOutputStream(temp)) {
                byte[] buffer = new byte[256 * 1024];
                long done = 0;
                int n;
                progress.update(task, 0, a.size());
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    done += n;
                    progress.update(task, done, a.size());
                }
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (ArtifactIntegrityException e) {
            throw e.corruption();
        } catch (IOException e) {
            throw new RegistryIOException("cannot export " + what + " to " + file, e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignore) {
                    // best effort: a leftover .part file is harmless and named as such
                }
            }
        }
    }
}
