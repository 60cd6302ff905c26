package io.gitmodel.registry.internal.lfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * Temporary files and directories that become shared ones (artifact objects, exported artifacts, checked-out
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
        return create(dir, prefix, suffix, false);
    }

    /**
     * Creates a new, empty directory {@code <dir>/<prefix><random>}: with the umask's permissions,
     * where {@link Files#createTempDirectory} would make it 0700 and so hide, once renamed into
     * place, an exported model from the serving process of another user.
     */
    public static Path createTempDirectory(Path dir, String prefix) throws IOException {
        return create(dir, prefix, "", true);
    }

    /**
     * Removes {@code dir} and everything under it, best effort: for temporary directories, whose
     * leftovers do no harm and must not hide the error or result that matters to the caller.
     */
    public static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // gone already, or left for the next run to clear
        }
    }

    private static Path create(Path dir, String prefix, String suffix, boolean directory) throws IOException {
        for (int attempt = 0; ; attempt++) {
            byte[] bytes = new byte[8];
            RANDOM.nextBytes(bytes);
            Path path = dir.resolve(prefix + HexFormat.of().formatHex(bytes) + suffix);
            try {
                return directory ? Files.createDirectory(path) : Files.createFile(path);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }
}
