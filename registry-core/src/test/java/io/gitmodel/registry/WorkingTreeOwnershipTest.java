package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gitmodel.registry.testing.GitCli;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * In a registry with a working tree, the index and the files are the user's: a stage change
 * (which leaves the registry branch where it is) never touches them, whatever the user staged.
 */
@IsolatedGit
class WorkingTreeOwnershipTest {
    @Test
    void stageChangesLeaveWhatTheUserStagedAlone(TestEnv env) throws Exception {
        assumeTrue(GitCli.hasGit(), "git is not installed");
        Path dir = env.dir().resolve("reg");
        GitCli git = env.git();
        try (Registry r = Registry.init(dir).signed(false).config(env.config()).call()) {
            r.register("fraud").artifact(Files.writeString(env.dir().resolve("m.bin"), "w")).call();
            Files.writeString(dir.resolve("notes.txt"), "my notes\n");
            git.git(dir, "add", "notes.txt").ok();
            String before = git.git(dir, "status", "--porcelain").ok().stdout();
            assertEquals("A  notes.txt\n", before);
            r.promote("fraud@v1", "staging").reason("eval").call();
            r.demote("fraud", "staging").reason("slot").call();
            r.archive("fraud@v1").reason("retired").call();
            assertEquals(before, git.git(dir, "status", "--porcelain").ok().stdout(), "the index is the user's");
            assertTrue(Files.exists(dir.resolve("notes.txt")));
        }
    }
}
