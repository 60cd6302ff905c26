package io.gitmodel.registry;

import io.gitmodel.registry.errors.ArtifactIntegrityException;
import io.gitmodel.registry.errors.InvalidInputException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.errors.TargetExistsException;
import io.gitmodel.registry.errors.UnsafePathException;
import io.gitmodel.registry.internal.lfs.SharedFiles;
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
 * Writes a version's artifacts into a directory, each at its artifact path, every file verified
 * against its sha256 while it is written.
 *
 * <p>A whole version is written into a new directory beside the target and swapped in only when
 * every file verified, so the target holds exactly the version's files: never a mix with an
 * earlier version's (a deployment directory must not keep v2's {@code model2.onnx} beside v4's
 * files), and nothing at all if an artifact is corrupt or missing. A target directory that holds
 * files already is replaced only when asked ({@link #replace}). Selected artifacts
 * ({@link #path}) are written into the target as they are, each replacing a file of that name.
 */
public final class ExportCommand extends RegistryCommand<List<Path>> {
    private final Registry registry;
    private final ModelVersion version;
    private final Path target;
    private final List<ArtifactPath> only = new ArrayList<>();
    private ProgressListener progress = ProgressListener.NONE;
    private boolean replace;

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

    /**
     * Replaces a target directory that holds files already (an earlier export, say) with exactly
     * this version's files; without it, such a directory is an error and nothing is written.
     */
    public ExportCommand replace(boolean replace) {
        this.replace = replace;
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
                selected.add(ArtifactAccess.find(version, p));
            }
        }
        if (!only.isEmpty()) {
            List<Path> written = new ArrayList<>();
            for (Artifact a : selected) {
                written.add(export(a, target));
            }
            return written;
        }
        return exportWhole(selected);
    }

    /** Every artifact into a new directory beside the target, then swapped in. */
    private List<Path> exportWhole(List<Artifact> artifacts) throws RegistryException {
        boolean exists = Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        if (exists && (!Files.isDirectory(target, java.nio.file.LinkOption.NOFOLLOW_LINKS))) {
            throw new TargetExistsException(target, "cannot write " + version.ref() + " to " + target + ": it is "
                    + (Files.isSymbolicLink(target) ? "a symbolic link; write to the directory it points at, or to a new one"
                            : "not a directory") + "; nothing was written");
        }
        if (exists && !replace && !isEmpty(target)) {
            throw new TargetExistsException(target, target + " holds files already; nothing was written. To replace them with"
                    + " exactly the files of " + version.ref() + ", add --force (API: replace(true)), or choose an empty"
                    + " directory");
        }
        Path parent = target.getParent();
        Path staging;
        try {
            Files.createDirectories(parent);
            staging = SharedFiles.createTempDirectory(parent, "." + target.getFileName() + ".git-model-");
        } catch (IOException e) {
            throw new RegistryIOException("cannot write " + version.ref() + " beside " + target, e);
        }
        try {
            for (Artifact a : artifacts) {
                export(a, staging);
            }
            swapIn(staging);
        } finally {
            SharedFiles.deleteTree(staging); // a leftover hidden directory beside the target is harmless
        }
        List<Path> written = new ArrayList<>();
        for (Artifact a : artifacts) {
            written.add(target.resolve(a.path().value()));
        }
        return written;
    }

    /** Puts the complete staging directory at the target, the old one (if any) set aside and then deleted. */
    private void swapIn(Path staging) throws RegistryException {
        Path old = null;
        try {
            if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
                Files.delete(old);
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (old != null && !Files.exists(target)) {
                try {
                    Files.move(old, target, StandardCopyOption.ATOMIC_MOVE); // put the earlier files back
                    old = null;
                } catch (IOException ignore) {
                    // the earlier files stay at the old name, which the error names
                }
            }
            throw new RegistryIOException("cannot move the verified files of " + version.ref() + " into " + target
                    + (old == null ? "" : "; the earlier files are at " + old), e);
        }
        if (old != null) {
            SharedFiles.deleteTree(old);
        }
    }

    private static boolean isEmpty(Path dir) throws RegistryException {
        try (java.util.stream.Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new RegistryIOException("cannot read " + dir, e);
        }
    }

    private Path export(Artifact a, Path base) throws RegistryException {
        Path file = base.resolve(a.path().value()).normalize();
        if (!file.startsWith(base)) {
            throw new UnsafePathException(a.path().value(), "artifact path " + a.path() + " escapes " + base);
        }
        String what = version.ref() + ":" + a.path();
        String task = "exporting " + a.path();
        Path temp = null;
        try {
            Files.createDirectories(file.getParent());
            Path realTarget = base.toRealPath();
            if (!file.getParent().toRealPath().startsWith(realTarget)) {
                throw new io.gitmodel.registry.errors.InvalidArtifactException(file, "cannot export " + what + " to " + file
                        + ": a symbolic link inside " + base + " leads outside it");
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
