package io.gitmodel.registry.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * What a rejected call must leave untouched in a repository: every ref (name to object id, HEAD
 * as its symbolic target), the files of the Git object database and the files of the LFS object
 * store. Read with a freshly opened JGit repository, so no cache of the code under test is involved.
 */
public record RepoState(String head, Map<String, String> refs, List<String> objectFiles, List<String> lfsFiles) {

    public static RepoState capture(Path gitDir) {
        try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build()) {
            Map<String, String> refs = new TreeMap<>();
            for (Ref ref : repo.getRefDatabase().getRefs()) {
                refs.put(ref.getName(), ref.getObjectId() == null ? "(unborn)" : ref.getObjectId().name());
            }
            Ref head = repo.exactRef(Constants.HEAD);
            String headText = head == null ? "(none)"
                    : head.isSymbolic() ? "-> " + head.getTarget().getName() : head.getObjectId().name();
            return new RepoState(headText, refs, files(gitDir.resolve("objects")), files(gitDir.resolve("lfs").resolve("objects")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The commit id of a branch, e.g. {@code main}, or null. */
    public String branch(String name) {
        return refs.get(Constants.R_HEADS + name);
    }

    /** Asserts that nothing changed between {@code before} and the repository's current state. */
    public static void assertUnchanged(RepoState before, Path gitDir) {
        RepoState after = capture(gitDir);
        assertEquals(before.head(), after.head(), "HEAD changed");
        assertEquals(before.refs(), after.refs(), "the refs changed");
        assertEquals(before.objectFiles(), after.objectFiles(), "objects were written to the Git object database");
        assertEquals(before.lfsFiles(), after.lfsFiles(), "objects were written to the LFS store");
    }

    /**
     * Like {@link #assertUnchanged} but allows new objects in the LFS store: content-addressed bytes that no
     * ref reaches are invisible to every reader and harmless (git lfs prune removes them).
     */
    public static void assertRefsAndGitObjectsUnchanged(RepoState before, Path gitDir) {
        RepoState after = capture(gitDir);
        assertEquals(before.head(), after.head(), "HEAD changed");
        assertEquals(before.refs(), after.refs(), "the refs changed");
        assertEquals(before.objectFiles(), after.objectFiles(), "objects were written to the Git object database");
    }

    private static List<String> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }
}
