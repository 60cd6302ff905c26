package io.gitmodel.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing directory trees the command line made itself (the quickstart's demo and its temporary keys). */
final class FileTrees {
    private FileTrees() {
    }

    /** Deletes everything under {@code dir} but keeps {@code dir}: it may be the working directory. */
    static void deleteContents(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Deletes {@code dir} and everything under it. */
    static void delete(Path dir) throws IOException {
        deleteContents(dir);
        Files.delete(dir);
    }
}
