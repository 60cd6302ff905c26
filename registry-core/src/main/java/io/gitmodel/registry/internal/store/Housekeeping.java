package io.gitmodel.registry.internal.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.GC;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tidying after a write. {@code git gc --auto}: packs the repository once it has more loose
 * objects than {@code gc.auto} (default 6700), as git does after commits; history walks
 * (time-travel references, {@code history}) are about ten times faster over packed commits than
 * loose ones. And removes temporary files that a killed transfer left in {@code lfs/tmp} a day
 * or more ago (younger ones may belong to a transfer still running in another process). Runs
 * after the refs were published, so a failure is logged, never fatal.
 */
final class Housekeeping {
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

    private Housekeeping() {
    }

    /** Temporary files older than this are leftovers of a killed process. */
    static final Duration STALE = Duration.ofDays(1);

    public static void afterWrite(Repository repo) {
        if (!(repo instanceof FileRepository file)) {
            return;
        }
        removeStaleTemporaryFiles(repo.getDirectory().toPath().resolve("lfs").resolve("tmp"));
        try {
            GC gc = new GC(file);
            gc.setAuto(true);
            gc.setProgressMonitor(NullProgressMonitor.INSTANCE);
            gc.gc().get();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("automatic packing of {} failed ({}); run 'git gc' there", repo.getDirectory(), e.getMessage());
        }
    }

    private static void removeStaleTemporaryFiles(Path tmp) {
        if (!Files.isDirectory(tmp)) {
            return;
        }
        Instant cutoff = Instant.now().minus(STALE);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp, "incoming-*.tmp")) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(file);
                    LOG.debug("removed {}, left by an interrupted transfer", file);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot clean up {} ({})", tmp, e.getMessage());
        }
    }
}
