package io.gitmodel.cli;

import static io.gitmodel.cli.CliTestSupport.NL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.cli.CliTestSupport.Cli;
import io.gitmodel.cli.CliTestSupport.Result;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** --help on every command, the root help's exit-code section, and version output. No registry needed. */
@IsolatedGit
class CliHelpTest {
    Path tmp;

    Cli cli;

    @BeforeEach
    void setUp(TestEnv env) {
        tmp = env.dir();
        cli = new Cli(env);
    }

    @ParameterizedTest
    @ValueSource(strings = {"init", "register", "list", "versions", "show", "get", "resolve", "quickstart", "version", "help",
        "request", "approve", "merge", "requests", "signers", "policy", "verify", "install-hook"})
    void everySubcommandHasHelp(String command) {
        Result r = cli.run(command, "--help").ok();
        assertTrue(r.out().startsWith("Usage:") || r.out().contains("Usage:"), r::toString);
        assertTrue(r.out().contains(command), r::toString);
        assertEquals("", r.err(), r::toString);

        Result shortForm = cli.run(command, "-h").ok();
        assertTrue(shortForm.out().contains("Usage:"), shortForm::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"init", "register", "list", "versions", "show", "get", "resolve", "quickstart", "version",
        "request", "approve", "merge", "requests", "signers", "policy", "verify", "install-hook"})
    void helpCommandShowsSubcommandHelp(String command) {
        Result r = cli.run("help", command).ok();
        assertTrue(r.out().contains("Usage: git-model " + command), r::toString);
    }

    /**
     * The governance commands' help is their documentation: usage with every argument, what the
     * command does and prints, each option explained. Each entry: the command, then texts its help must hold.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "signers add|<principal>|<public-key-file>|--role=<role>|-m, --reason=<reason>|--signing-key=<key>|only an admin"
            + "|Prints: added signer <principal> (<roles>): <format> key <fingerprint>.",
        "signers remove|<principal>|-m, --reason=<reason>|revoked|still verifies|Prints: removed signer <principal>: revoked",
        "signers list|--json|PRINCIPAL, ROLES, FORMAT|FINGERPRINT|REVOKED|{name, roles, keys: [{format, fingerprint, revoked,"
            + " public_key}]}",
        "signers|add|remove|list|admin",
        "policy show|--json|requires|approvals|signed|signers|approvers|gates|forge_merges|admins|principals|signer_principals",
        "policy set|<file>|-m, --reason=<reason>|git show main:registry|only an admin|Prints: set registry.yaml from <file>.",
        "policy|show|set|registry.yaml",
        "request|<ref>|<stage>|-m, --reason=<reason>|--replace|--push=<remote>|--signing-key=<key>|requests/<stage>/<name>@v<N>"
            + "|pull request|needs 2 approvals",
        "approve|<request>|fraud@v2:production|-m, --comment=<comment>|--push=<remote>|--signing-key=<key>|requester"
            + "|Prints: approved <request>",
        "merge|<request>|-m, --comment=<comment>|--push=<remote>|--signing-key=<key>|--no-ff|deleted|Prints: merged <request>",
        "requests|--json|REQUEST, REQUESTED BY (the principal who signed it), APPROVALS|not counted|ready to merge|approvals_needed"
            + "|mergeable",
        "verify|--no-artifacts|--pre-receive|--json|one line per violation|Exit 0 if there is none, 1 if there is any"
            + "|{ok, findings: [{ref, commit,",
        "install-hook|<bare-repo>|--command=<command>|--force|pre-receive|verify --pre-receive|branch protection"})
    void governanceCommandsDocumentThemselves(String spec) {
        String[] parts = spec.split("\\|");
        String[] command = parts[0].split(" ");
        String[] args = java.util.Arrays.copyOf(command, command.length + 1);
        args[command.length] = "--help";
        Result r = cli.run(args).ok();
        assertEquals("", r.err(), r::toString);
        String help = r.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("Usage: git-model " + parts[0] + " "), r::toString);
        for (int i = 1; i < parts.length; i++) {
            String expected = parts[i];
            assertTrue(help.contains(expected), () -> "help of " + parts[0] + " lacks \"" + expected + "\"\n" + r);
        }
        if (command.length == 1) { // picocli's help command takes one level
            assertEquals(r.out(), cli.run("help", command[0]).ok().out(), "git-model help " + parts[0]);
        }
    }

    @Test
    void unverifiedIsAGlobalOptionExplainedInTheRootHelp() {
        String help = cli.run("--help").ok().out().replaceAll("\\s+", " ");
        assertTrue(help.contains("--unverified Forensics only"), help);
        assertTrue(cli.run("request", "--help").ok().out().contains("--unverified"), "inherited by every command");
    }

    @Test
    void helpNeedsNoRegistry() throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        assertTrue(cli.runIn(plain, "register", "--help").ok().out().contains("Usage:"));
    }

    @Test
    void rootHelpListsCommandsAndExitCodes() {
        Result r = cli.run("--help").ok();
        String out = r.out();
        assertTrue(out.contains("Usage:"), r::toString);
        assertTrue(out.contains("Exit codes:"), r::toString);
        List<String> lines = r.outLines();
        assertTrue(lines.stream().anyMatch(l -> l.trim().startsWith("0") && l.contains("Success")), r::toString);
        assertTrue(lines.stream().anyMatch(l -> l.trim().startsWith("1") && l.contains("Error")), r::toString);
        assertTrue(lines.stream().anyMatch(l -> l.trim().startsWith("2") && l.contains("Usage error")), r::toString);
        for (String command : List.of("init", "register", "list", "versions", "show", "get", "resolve", "quickstart", "request",
                "approve", "merge", "requests", "signers", "policy", "verify", "install-hook")) {
            assertTrue(out.contains("  " + command + " ") || out.contains("  " + command + NL), () -> command + "\n" + r);
        }
        assertEquals(out, cli.run("help").ok().out(), "'help' is the same as '--help'");
    }

    @Test
    void versionPrintsGitModelVersion() {
        Result v = cli.run("version").ok();
        assertTrue(v.out().startsWith("git-model "), v::toString);
        assertFalse(v.outLines().get(0).contains("unknown"), v::toString);
        assertTrue(v.out().contains("Java "), v::toString);
        assertEquals("", v.err());
        Result flag = cli.run("--version").ok();
        assertTrue(flag.out().startsWith("git-model "), flag::toString);
        assertEquals(v.out(), flag.out());
        assertEquals(v.out(), cli.run("-V").ok().out());
    }
}
