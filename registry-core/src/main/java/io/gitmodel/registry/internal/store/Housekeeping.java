package io.gitmodel.registry.internal.store;

import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.GC;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code git gc --auto} after a write: packs the repository once it has more loose objects than
 * {@code gc.auto} (default 6700), as git does after commits. History walks (time-travel
 * references, {@code history}) are about ten times faster over packed commits than loose ones.
 * Runs after the refs were published, so a failure is logged, never fatal.
 */
public final class Housekeeping {
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

    private Housekeeping() {
    }

    public static void afterWrite(Repository repo) {
        if (!(repo instanceof FileRepository file)) {
            return;
        }
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
}
