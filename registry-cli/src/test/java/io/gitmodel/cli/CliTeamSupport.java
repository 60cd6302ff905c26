package io.gitmodel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.gitmodel.cli.CliTestSupport.Cli;
import io.gitmodel.cli.CliTestSupport.Result;
import io.gitmodel.registry.testing.Team;
import io.gitmodel.registry.testing.TestEnv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Several people at one registry through the command line, each a real git user of the core's
 * {@link Team}: their own HOME and {@code .gitconfig} (name, email, an ed25519 key made by the real
 * ssh-keygen as {@code user.signingKey}), so a git-model run as one of them signs and acts as that
 * person. They share the test's working directory.
 */
final class CliTeamSupport {
    private CliTeamSupport() {
    }

    /** One person: runs git-model in their environment, against {@code registry} unless told otherwise. */
    record Person(String name, Team.Member member, Cli cli, Path registry) {
        /** {@code git-model -C <registry> <args>} as this person. */
        Result run(String... args) {
            List<String> all = new ArrayList<>(List.of("-C", registry.toString()));
            all.addAll(Arrays.asList(args));
            return runAnywhere(all.toArray(String[]::new));
        }

        /** {@code git-model <args>} as this person, in the test's working directory. */
        Result runAnywhere(String... args) {
            return cli.runWith(member.env(), cli.work, args);
        }

        /** The same person working on another registry (a clone, say). */
        Person at(Path other) {
            return new Person(name, member, cli, other);
        }

        /** The file {@code signers add} takes: the SSH {@code .pub} next to the private key. */
        Path publicKey() {
            return member.publicKey();
        }

        /** The key's fingerprint as ssh-keygen prints it: {@code SHA256:...}. */
        String fingerprint() {
            return member.fingerprint();
        }
    }

    /** A person with a fresh ed25519 SSH key, made by ssh-keygen. */
    static Person ssh(Team team, Cli cli, String name, Path registry) {
        try {
            return new Person(name, team.ssh(name), cli, registry);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A new team around {@code env}. */
    static Team team(TestEnv env) {
        return new Team(env);
    }

    /**
     * registry.yaml with production needing {@code approvals} approvals by ml-lead or risk, its
     * changes signed by admin, ml-lead or ds.
     */
    static String requireApprovals(String registryYaml, int approvals) {
        String replaced = registryYaml.replaceFirst("(?m)^(\\s+)approvals: 0$", "$1approvals: " + approvals
                + "\n$1signers: [admin, ml-lead, ds]\n$1approvers: [ml-lead, risk]");
        assertNotEquals(registryYaml, replaced, registryYaml);
        return replaced;
    }

    /** The readable table at the top of stdout (up to the first blank line), as {@link CliLifecycleSupport#table} reads it. */
    static Result tablePart(Result r) {
        String out = r.out();
        int blank = out.indexOf(CliTestSupport.NL + CliTestSupport.NL);
        return new Result(r.exit(), blank < 0 ? out : out.substring(0, blank + CliTestSupport.NL.length()), r.err());
    }

    /** The lines of stdout after the table's blank line. */
    static List<String> afterTable(Result r) {
        List<String> lines = r.outLines();
        int blank = lines.indexOf("");
        return blank < 0 ? List.of() : lines.subList(blank + 1, lines.size());
    }

    /** Asserts that stdout is exactly these lines. */
    static void assertOut(Result r, String... lines) {
        assertEquals(List.of(lines), r.outLines(), r::toString);
    }
}
