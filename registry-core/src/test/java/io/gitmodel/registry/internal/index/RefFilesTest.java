package io.gitmodel.registry.internal.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;

/** Branch tips read from the ref files say what git says, packed or loose, and odd files are left to JGit. */
@IsolatedGit
class RefFilesTest {
    private Path repoWithRefs(TestEnv env) {
        Path dir = env.dir().resolve("r.git");
        env.git().git(env.dir(), "init", "-q", "--bare", dir.toString()).ok();
        Path work = env.dir().resolve("w");
        env.git().git(env.dir(), "init", "-q", work.toString()).ok();
        env.git().git(work, "commit", "-q", "--allow-empty", "-m", "one").ok();
        env.git().git(work, "push", "-q", dir.toString(), "HEAD:refs/heads/main").ok();
        for (String name : new String[] {"stages/production", "stages/staging", "stages/a-b", "stagesx", "stage"}) {
            env.git().git(dir, "branch", name, "main").ok();
        }
        for (int i = 0; i < 300; i++) {
            env.git().git(dir, "tag", "m" + (i % 7) + "@v" + i, "main").ok();
        }
        return dir;
    }

    private static Map<String, ObjectId> gitRefs(TestEnv env, Path dir, String prefix) {
        Map<String, ObjectId> out = new TreeMap<>();
        String refs = env.git().git(dir, "for-each-ref", "--format=%(objectname) %(refname)", prefix).ok().stdout();
        for (String line : refs.split("\n")) {
            if (!line.isBlank()) {
                out.put(line.substring(41), ObjectId.fromString(line.substring(0, 40)));
            }
        }
        return out;
    }

    @Test
    void packedAndLooseRefsReadAsGitReadsThem(TestEnv env) throws Exception {
        Path dir = repoWithRefs(env);
        env.git().git(dir, "pack-refs", "--all").ok();
        String two = env.git().git(dir, "commit-tree", "-m", "two", "-p", "main", "main^{tree}").ok().stdout().trim();
        env.git().git(dir, "update-ref", "refs/heads/stages/staging", two).ok(); // loose, newer than the packed value
        RefFiles refs = new RefFiles(dir, dir.resolve("stamp"));
        for (Map.Entry<String, ObjectId> e : gitRefs(env, dir, "refs/").entrySet()) {
            assertEquals(e.getValue(), refs.tip(e.getKey()), e.getKey());
        }
        assertEquals(gitRefs(env, dir, "refs/heads/stages/"), refs.byPrefix("refs/heads/stages/"));
        assertNull(refs.tip("refs/heads/nothing"));
        assertNull(refs.tip("refs/heads/stages"), "a directory of refs is no ref");
        assertNull(refs.tip("refs/tags/m0@v"), "a prefix of a name is no match");
        assertTrue(Files.notExists(dir.resolve("stamp")), "a file git declares sorted needs no stamp");
    }

    @Test
    void aFileJGitWroteIsCheckedOnceAndStamped(TestEnv env) throws Exception {
        Path dir = repoWithRefs(env);
        try (Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).build()) {
            RefUpdate u = repo.updateRef("refs/tags/late@v1");
            u.setNewObjectId(repo.resolve("main"));
            u.forceUpdate();
            org.eclipse.jgit.api.Git.wrap(repo).packRefs().setAll(true).call();
        }
        String header = Files.readAllLines(dir.resolve("packed-refs")).get(0);
        assertTrue(!header.contains("sorted"), "JGit does not declare the trait: " + header);
        RefFiles refs = new RefFiles(dir, dir.resolve("git-model/index/stamp"));
        assertEquals(gitRefs(env, dir, "refs/tags/late@v1").get("refs/tags/late@v1"), refs.tip("refs/tags/late@v1"));
        assertTrue(Files.isRegularFile(dir.resolve("git-model/index/stamp")), "the check is remembered");
        assertEquals(gitRefs(env, dir, "refs/heads/stages/"), new RefFiles(dir, dir.resolve("git-model/index/stamp"))
                .byPrefix("refs/heads/stages/"));
    }

    @Test
    void anUnsortedFileOrASymbolicRefIsLeftToJGit(TestEnv env) throws Exception {
        Path dir = repoWithRefs(env);
        env.git().git(dir, "pack-refs", "--all").ok();
        String id = env.git().git(dir, "rev-parse", "main").ok().stdout().trim();
        Files.writeString(dir.resolve("packed-refs"), "# pack-refs with: peeled\n" + id + " refs/heads/z\n" + id
                + " refs/heads/main\n");
        assertThrows(RefFiles.Unsupported.class, () -> new RefFiles(dir, dir.resolve("stamp")).tip("refs/heads/main"));
        env.git().git(dir, "pack-refs", "--all").ok();
        env.git().git(dir, "symbolic-ref", "refs/heads/alias", "refs/heads/main").ok();
        assertThrows(RefFiles.Unsupported.class, () -> new RefFiles(dir, dir.resolve("stamp")).tip("refs/heads/alias"));
    }
}
