package io.gitmodel.registry.internal.verify;

import io.gitmodel.registry.Finding;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.internal.store.Refs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heads of the registry's append-only branches as the last {@code verify} saw them, in
 * {@code <git-dir>/git-model/verified/}. Git cannot tell a rewritten history from a new one; a
 * head that no longer contains what was seen before can: the history was rewritten (force-pushed,
 * reset) since, and that is reported.
 */
final class Watermarks {
    private static final Logger LOG = LoggerFactory.getLogger(Watermarks.class);
    private final Repository repo;
    private final Path dir;

    Watermarks(Repository repo) {
        this.repo = repo;
        this.dir = repo.getDirectory().toPath().resolve("git-model").resolve("verified");
    }

    /** Reports a ref whose history no longer contains the head seen last time, then remembers the head now. */
    void check(String ref, String what, List<Finding> out) throws RegistryException {
        ObjectId now = Refs.get(repo, ref);
        ObjectId seen = read(ref);
        try {
            if (seen != null && (now == null || !repo.getObjectDatabase().has(seen) || !Refs.isAncestor(repo, seen, now))) {
                out.add(new Finding(ref, now == null ? "" : now.name(), null, 0, "history", what + " was rewritten: "
                        + (now == null ? "it is gone" : "it no longer contains " + seen.abbreviate(12).name()) + ", its head when"
                        + " verify last ran here. History is never rewritten; restore it from a clone or a backup (git"
                        + " update-ref " + ref + " " + seen.name() + " if the object is still here)"));
                return; // keep the old watermark until the history is restored
            }
        } catch (IOException e) {
            throw new RegistryIOException("cannot compare " + ref + " with its last verified head", e);
        }
        if (now != null) {
            write(ref, now);
        }
    }

    /** The refs under {@code prefix} (e.g. {@code refs/heads/stages/}) that have a watermark. */
    java.util.Set<String> known(String prefix) {
        java.util.Set<String> refs = new java.util.TreeSet<>();
        Path base = dir.resolve(prefix);
        if (!Files.isDirectory(base)) {
            return refs;
        }
        try (var files = Files.walk(base)) {
            files.filter(Files::isRegularFile).forEach(f -> refs.add(prefix + base.relativize(f).toString().replace('\\', '/')));
        } catch (IOException e) {
            LOG.debug("cannot list the watermarks under {}: {}", base, e.getMessage());
        }
        return refs;
    }

    private ObjectId read(String ref) {
        Path file = dir.resolve(ref);
        try {
            return Files.exists(file) ? ObjectId.fromString(Files.readString(file, StandardCharsets.US_ASCII).trim()) : null;
        } catch (IOException | IllegalArgumentException e) {
            LOG.debug("ignoring unreadable watermark {}: {}", file, e.getMessage());
            return null;
        }
    }

    private void write(String ref, ObjectId head) {
        Path file = dir.resolve(ref);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, head.name() + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            LOG.debug("cannot remember the verified head of {}: {}", ref, e.getMessage());
        }
    }
}
