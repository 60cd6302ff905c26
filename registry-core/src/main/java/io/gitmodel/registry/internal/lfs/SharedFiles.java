package io.gitmodel.registry.internal.lfs;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Temporary files that become shared files (artifact objects, exported artifacts, checked-out
 * files) once renamed into place. {@link Files#createTempFile} makes them readable by their owner
 * only (0600), which would hide a pushed artifact from the teammates of a shared remote; files
 * made here get the permissions the process's umask gives, as git and git-lfs do.
 */
public final class SharedFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SharedFiles() {
    }

    /** Creates a new, empty file {@code <dir>/<prefix><random><suffix>}. */
    public static Path createTemp(Path dir, String prefix, String suffix) throws IOException {
        for (int attempt = 0; ; attempt++) {
            byte[] bytes = new byte[8];
            RANDOM.nextBytes(bytes);
            Path file = dir.resolve(prefix + HexFormat.of().formatHex(bytes) + suffix);
            try {
                return Files.createFile(file);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }
}
