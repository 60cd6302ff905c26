package io.gitmodel.cli;

import static io.gitmodel.cli.CliTestSupport.asList;
import static io.gitmodel.cli.CliTestSupport.asMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.cli.CliTestSupport.Cli;
import io.gitmodel.cli.CliTestSupport.Json;
import io.gitmodel.cli.CliTestSupport.Result;
import io.gitmodel.registry.testing.TestEnv;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * What the lifecycle tests add to {@link CliTestSupport}: SSH signing keys made with the real
 * ssh-keygen and configured in a test's HOME as git reads it, the real git run in that HOME,
 * stage-branch commits read with JGit, and the readable tables parsed by their header.
 */
final class CliLifecycleSupport {
    static final String SIGNER = "ada@example.com";

    private CliLifecycleSupport() {
    }

    /** Whether an executable of that name is on the PATH. */
    static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- signing

    /** Makes an ed25519 key without passphrase with the real ssh-keygen: {@code key} and {@code key.pub}. */
    static Path sshKeygen(Path key) {
        try {
            Files.createDirectories(key.toAbsolutePath().getParent());
            Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", SIGNER, "-f", key.toString())
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("ssh-keygen failed: " + output);
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Makes {@code <home>/.ssh/id} with ssh-keygen and configures git in that HOME to sign with it
     * ({@link TestEnv#configureSshSigning}). Returns the private key.
     */
    static Path configureSigning(Cli cli) {
        try {
            return cli.testEnv.configureSshSigning("id");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Gives {@code cli}'s HOME the key of another HOME (copied to {@code <home>/.ssh/id}) and the
     * same signing configuration, so commits signed in either verify in both.
     */
    static Path configureSigningLike(Cli cli, Path otherHome) {
        try {
            Path key = cli.home.resolve(".ssh/id");
            Files.createDirectories(key.getParent());
            Files.copy(otherHome.resolve(".ssh/id"), key, StandardCopyOption.COPY_ATTRIBUTES);
            Files.copy(otherHome.resolve(".ssh/id.pub"), cli.home.resolve(".ssh/id.pub"), StandardCopyOption.COPY_ATTRIBUTES);
            return cli.testEnv.configureSshSigningWith(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes an allowed-signers file that lets {@link #SIGNER} sign git objects with {@code key}. */
    static Path allowedSigners(Path key, Path file) {
        try {
            String publicKey = Files.readString(Path.of(key + ".pub"), StandardCharsets.UTF_8).strip();
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, SIGNER + " namespaces=\"git\" " + publicKey + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- the real git

    /** What one run of the real git produced. */
    record Git(int exit, String out, String err) {
        @Override
        public String toString() {
            return "git exit=" + exit + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err + "---";
        }
    }

    /** Runs the real git in {@code dir} with exactly the environment of {@code cli} (its HOME, no system config). */
    static Git git(Cli cli, Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(Arrays.asList(args));
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
            pb.environment().clear();
            pb.environment().putAll(cli.env);
            pb.environment().put("LC_ALL", "C");
            Path errFile = Files.createTempFile(cli.base, "git-", ".err");
            pb.redirectError(errFile.toFile());
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("git " + String.join(" ", args) + " did not finish");
            }
            String err = Files.readString(errFile, StandardCharsets.UTF_8);
            Files.delete(errFile);
            return new Git(p.exitValue(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- stage branches

    /** The first-parent chain of a branch, newest first (empty if the branch does not exist). */
    static List<RevCommit> firstParents(Path registry, String branch) {
        try (Repository repo = CliTestSupport.openRepository(registry); RevWalk walk = new RevWalk(repo)) {
            ObjectId head = repo.resolve("refs/heads/" + branch);
            List<RevCommit> out = new ArrayList<>();
            if (head == null) {
                return out;
            }
            walk.setFirstParent(true);
            walk.markStart(walk.parseCommit(head));
            for (RevCommit c : walk) {
                walk.parseBody(c);
                out.add(c);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stage branch heads {@code refs/heads/stages/*} and the commits they point at. */
    static Map<String, String> stageHeads(Path registry) {
        try (Repository repo = CliTestSupport.openRepository(registry)) {
            Map<String, String> out = new LinkedHashMap<>();
            for (var ref : repo.getRefDatabase().getRefsByPrefix("refs/heads/stages/")) {
                out.put(ref.getName(), ref.getObjectId().name());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- time

    /** Waits until the wall clock is in the next second, so that the next commit is dated later than the last one. */
    static void nextSecond() {
        long second = System.currentTimeMillis() / 1000;
        while (System.currentTimeMillis() / 1000 == second) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    // ---------------------------------------------------------------- output

    /**
     * A readable table cut into cells by the columns of its header line (every column starts where
     * its header starts, as the table pads each column to its widest cell): the header row first,
     * then one row per line, each row a header-to-cell map.
     */
    static List<Map<String, String>> table(Result r, String... header) {
        List<String> lines = r.outLines();
        assertTrue(!lines.isEmpty(), () -> "expected a table\n" + r);
        String head = lines.get(0);
        assertEquals(List.of(header), List.of(head.trim().split("\\s{2,}")), () -> "table header\n" + r);
        int[] start = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            int at = i == 0 ? head.indexOf(header[0]) : head.indexOf("  " + header[i], start[i - 1]);
            assertTrue(at >= 0, () -> "header column missing\n" + r);
            start[i] = i == 0 ? at : head.indexOf(header[i], at);
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                int from = Math.min(start[i], line.length());
                int to = i + 1 < header.length ? Math.min(start[i + 1], line.length()) : line.length();
                row.put(header[i], line.substring(from, to).strip());
            }
            rows.add(row);
        }
        return rows;
    }

    /** The elements of a JSON array printed on stdout, as objects. */
    static List<Map<String, Object>> jsonObjects(Result r) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : asList(Json.parse(r.out()))) {
            out.add(asMap(o));
        }
        return out;
    }

    /** One field of every element. */
    static List<Object> column(List<Map<String, Object>> objects, String key) {
        List<Object> out = new ArrayList<>();
        for (Map<String, Object> o : objects) {
            assertTrue(o.containsKey(key), () -> "missing key " + key + " in " + o);
            out.add(o.get(key));
        }
        return out;
    }
}
