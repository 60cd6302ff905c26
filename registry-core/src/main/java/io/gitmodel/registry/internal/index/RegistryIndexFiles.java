package io.gitmodel.registry.internal.index;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** File-system steps the index shares: publishing a file atomically, and telling whether a file changed. */
final class RegistryIndexFiles {
    private RegistryIndexFiles() {
    }

    /** Moves a finished temporary file over {@code target}: readers see the old file or the new one, never a torn one. */
    static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Whether two reads of a file's attributes show the same file, unchanged (size, time, file key). */
    static boolean sameFile(java.nio.file.attribute.BasicFileAttributes a, java.nio.file.attribute.BasicFileAttributes b) {
        return a != null && b != null && a.size() == b.size() && a.lastModifiedTime().equals(b.lastModifiedTime())
                && java.util.Objects.equals(a.fileKey(), b.fileKey());
    }
}
