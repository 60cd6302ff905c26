package io.gitmodel.cli;

import static io.gitmodel.cli.CliTestSupport.NL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gitmodel.cli.CliTestSupport.Cli;
import io.gitmodel.cli.CliTestSupport.Result;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code requests <request> --check}, as a CI job calls it: the exit code, and every reason on stderr. */
@IsolatedGit
class CliRequestCheckTest {

    @Test
    void aRequestWithoutItsApprovalFailsTheCheckSayingWhatItNeedsAndPassesOnceApproved(TestEnv env) {
        assumeTrue(TestEnv.hasSshKeygen(), "ssh-keygen is not installed");
        Cli cli = new Cli(env);
        cli.run("quickstart").ok(); // a signed registry whose production needs one approval by lee
        Path demo = cli.work.resolve("git-model-demo");
        cli.in(demo, "request", "fraud@v2", "production", "-m", "fixed").ok();

        Result waiting = cli.in(demo, "requests", "fraud@v2:production", "--check");
        assertEquals(1, waiting.exit(), waiting::toString);
        assertEquals("git-model: error: requests/production/fraud@v2 is not ready to merge:" + NL
                + "  needs 1 more approval (0 of 1): git-model approve requests/production/fraud@v2" + NL, waiting.err());
        assertTrue(waiting.out().contains("fraud@v2"), "the table still shows the request\n" + waiting);

        Map<String, String> asLee = new HashMap<>(cli.env);
        asLee.put("GIT_AUTHOR_NAME", "Lee");
        asLee.put("GIT_AUTHOR_EMAIL", "lee@example.com");
        cli.runWith(asLee, cli.work, "-C", "git-model-demo", "approve", "fraud@v2:production", "--signing-key",
                demo.resolve(".git/git-model-demo-keys/lee").toString(), "-m", "ok").ok();
        Result ready = cli.in(demo, "requests", "fraud@v2:production", "--check").ok();
        assertEquals("", ready.err(), ready::toString);
    }
}
