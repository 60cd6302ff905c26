package io.gitmodel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.testing.TestEnv;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Runs git-model in-process, isolated from the user's environment by a {@link TestEnv} (tests get
 * one per test with {@link io.gitmodel.registry.testing.IsolatedGit}). Also a minimal JSON parser
 * so tests can check the machine output structurally.
 */
final class CliTestSupport {
    static final String NL = System.lineSeparator();

    private CliTestSupport() {
    }

    /** What one run of git-model produced. */
    record Result(int exit, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }

        /** Asserts exit 0 and shows stdout and stderr when it was not. */
        Result ok() {
            assertEquals(0, exit, () -> "expected exit 0\n" + this);
            return this;
        }

        /** Asserts an exit-1 failure: empty stdout, ONE line on stderr starting "git-model: error:", no stack trace. */
        Result failsWithError() {
            assertEquals(1, exit, () -> "expected exit 1\n" + this);
            assertEquals("", out, () -> "stdout must be empty on errors\n" + this);
            assertEquals(1, errLines().size(), () -> "expected exactly one line on stderr\n" + this);
            assertTrue(err.startsWith("git-model: error: "), () -> "stderr must start with 'git-model: error: '\n" + this);
            assertFalse(err.contains("\tat "), () -> "no stack trace without --debug\n" + this);
            return this;
        }

        /** Asserts an exit-2 usage failure: empty stdout, stderr starting "git-model: usage:", no stack trace. */
        Result failsWithUsage() {
            assertEquals(2, exit, () -> "expected exit 2\n" + this);
            assertEquals("", out, () -> "stdout must be empty on usage errors\n" + this);
            assertTrue(err.startsWith("git-model: usage: "), () -> "stderr must start with 'git-model: usage: '\n" + this);
            assertFalse(err.contains("\tat "), () -> "no stack trace without --debug\n" + this);
            assertFalse(err.contains("Exception"), () -> "no exception class names in usage errors\n" + this);
            return this;
        }

        @Override
        public String toString() {
            return "exit=" + exit + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err + "---";
        }
    }

    /**
     * A git-model "shell" in a test's isolated environment ({@link TestEnv}: its HOME with a Git
     * identity, no system Git configuration, no GIT_MODEL_REGISTRY unless a test sets one), working
     * in {@code work} under the same temporary directory.
     */
    static final class Cli {
        final TestEnv testEnv;
        final Path base;
        final Path home;
        final Path work;
        /** The environment git-model runs with: {@link TestEnv#env()} itself, so changes show in both. */
        final Map<String, String> env;

        Cli(TestEnv testEnv) {
            this.testEnv = testEnv;
            this.base = testEnv.dir();
            this.home = testEnv.home();
            this.work = base.resolve("work");
            this.env = testEnv.env();
            try {
                Files.createDirectories(work);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Runs in the default working directory ({@link #work}). */
        Result run(String... args) {
            return runIn(work, args);
        }

        /** Runs against {@code registry}: {@code git-model -C <registry> args...}. */
        Result in(Path registry, String... args) {
            String[] all = new String[args.length + 2];
            all[0] = "-C";
            all[1] = registry.toString();
            System.arraycopy(args, 0, all, 2, args.length);
            return run(all);
        }

        /** Runs with {@code workingDirectory} as the current directory. */
        Result runIn(Path workingDirectory, String... args) {
            return runWith(env, workingDirectory, args);
        }

        Result runWith(Map<String, String> environment, Path workingDirectory, String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit;
            try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
                exit = Main.run(o, e, Map.copyOf(environment), workingDirectory, args);
            }
            return new Result(exit, out.toString(), err.toString());
        }

        /** {@code git-model init <dir>} under {@link #work}; returns the registry directory. */
        Path init(String dir, String... options) {
            List<String> args = new ArrayList<>(List.of("init"));
            args.addAll(Arrays.asList(options));
            args.add(dir);
            run(args.toArray(String[]::new)).ok();
            return work.resolve(dir).toAbsolutePath().normalize();
        }

        /** Registers in {@code registry} and returns the printed reference. */
        String register(Path registry, String name, String... options) {
            List<String> args = new ArrayList<>(List.of("-C", registry.toString(), "register", name));
            args.addAll(Arrays.asList(options));
            if (!args.contains("--artifact") && !args.contains("-a")) {
                args.add("--no-artifacts");
            }
            Result r = run(args.toArray(String[]::new)).ok();
            return r.out().strip();
        }

        String resolve(Path registry, String ref) {
            return run("-C", registry.toString(), "resolve", ref).ok().out().strip();
        }

        /** Parsed {@code show --json} of a reference. */
        Map<String, Object> showJson(Path registry, String ref) {
            return asMap(Json.parse(run("-C", registry.toString(), "show", ref, "--json").ok().out()));
        }
    }

    // ---------------------------------------------------------------- files

    static Path write(Path file, String text) {
        return write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a directory tree (a prepared registry, say), keeping file times so Git's index stays clean. */
    static void copyTree(Path from, Path to) {
        try (var walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] randomBytes(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every regular file under {@code dir}, as '/'-separated paths relative to it, sorted. */
    static List<String> filesUnder(Path dir) {
        try (var walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- git

    /** The repository of a registry directory (bare or with a working tree). */
    static Repository openRepository(Path dir) {
        try {
            FileRepositoryBuilder b = new FileRepositoryBuilder();
            if (Files.isDirectory(dir.resolve(".git"))) {
                b.setGitDir(dir.resolve(".git").toFile());
            } else {
                b.setGitDir(dir.toFile());
            }
            return b.setMustExist(true).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tag names in a registry, e.g. fraud@v1. */
    static List<String> tags(Path registry) {
        try (Repository repo = openRepository(registry)) {
            return repo.getRefDatabase().getRefsByPrefix("refs/tags/").stream()
                    .map(Ref::getName).map(n -> n.substring("refs/tags/".length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The commit a revision names (like git rev-parse), or null. */
    static String revParse(Path registry, String revision) {
        try (Repository repo = openRepository(registry)) {
            ObjectId id = repo.resolve(revision);
            return id == null ? null : id.name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of a file at a revision ({@code git show <rev>:<path>}), or null if absent. */
    static String fileAt(Path registry, String revision, String path) {
        try (Repository repo = openRepository(registry)) {
            ObjectId commit = repo.resolve(revision + "^{commit}");
            if (commit == null) {
                return null;
            }
            try (var walk = new org.eclipse.jgit.revwalk.RevWalk(repo);
                    var tw = org.eclipse.jgit.treewalk.TreeWalk.forPath(repo, path, walk.parseCommit(commit).getTree())) {
                if (tw == null) {
                    return null;
                }
                return new String(repo.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- JSON

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        assertInstanceOf(Map.class, o, () -> "expected a JSON object, got " + o);
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> asList(Object o) {
        assertInstanceOf(List.class, o, () -> "expected a JSON array, got " + o);
        return (List<Object>) o;
    }

    /** {@code json.get(a).get(b)...} through nested objects. */
    static Object path(Object json, String... keys) {
        Object o = json;
        for (String k : keys) {
            Map<String, Object> m = asMap(o);
            assertTrue(m.containsKey(k), () -> "missing key " + k + " in " + m);
            o = m.get(k);
        }
        return o;
    }

    /** JSON as the tests read it: the library's own reader (through the core's test harness). */
    static final class Json {
        private Json() {
        }

        static Object parse(String text) {
            return io.gitmodel.registry.testing.JsonDocs.parse(text);
        }
    }
}
