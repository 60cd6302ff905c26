package io.gitmodel.registry.internal.config;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.eclipse.jgit.util.FS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where git's system-wide configuration file is, as git decides it: none with
 * {@code GIT_CONFIG_NOSYSTEM}, the file {@code GIT_CONFIG_SYSTEM} names, else the file compiled into
 * the {@code git} on {@code PATH} ({@code $(prefix)/etc/gitconfig}; {@code /etc/gitconfig} for the
 * usual {@code /usr} prefix).
 *
 * <p>Only git knows that last path, and JGit asks it by running {@code git --version} and
 * {@code git config --system --show-origin --list} in every process that opens a repository: some
 * 50-100 ms a call. Here the answer is remembered in the user's cache directory
 * ({@code $XDG_CACHE_HOME/git-model/git-system-config}, else {@code ~/.cache/...}), keyed by the
 * {@code git} binary's real path, size and modification time, so git is asked again only when a
 * different or upgraded git is on {@code PATH}. When no {@code git} is on {@code PATH}, git's own
 * default, {@code /etc/gitconfig}, is used.
 */
final class GitSystemConfig {
    private static final Logger LOG = LoggerFactory.getLogger(GitSystemConfig.class);
    private static final Path DEFAULT = Path.of("/etc/gitconfig");
    private static final String NONE = "-";
    /** Answers found in this process, by key (git binary); {@link #forget} empties it for tests. */
    private static final ConcurrentMap<String, Optional<Path>> FOUND = new ConcurrentHashMap<>();

    private GitSystemConfig() {
    }

    /** Forgets the answers found in this process (tests: the cache file alone must answer). */
    static void forget() {
        FOUND.clear();
    }

    /** The system configuration file git reads in environment {@code env}, or empty when it reads none. */
    public static Optional<Path> file(Map<String, String> env) {
        return file(env, git -> askGit(git, env));
    }

    /** As {@link #file(Map)}, with the way to ask git given (tests count the calls). */
    static Optional<Path> file(Map<String, String> env, Function<Path, Optional<Path>> askGit) {
        if (GitConfigLoader.truthy(env.get("GIT_CONFIG_NOSYSTEM"))) {
            return Optional.empty();
        }
        String explicit = env.get("GIT_CONFIG_SYSTEM");
        if (explicit != null && !explicit.isEmpty()) {
            return Optional.of(Path.of(explicit));
        }
        Path git = onPath(env.get("PATH"), isWindows() ? List.of("git.exe", "git.cmd", "git") : List.of("git"));
        if (git == null) {
            return Optional.of(DEFAULT);
        }
        String key;
        try {
            Path real = git.toRealPath();
            BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
            key = real + "\t" + a.size() + "\t" + a.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return Optional.of(DEFAULT);
        }
        return FOUND.computeIfAbsent(key, k -> remembered(env, k).orElseGet(() -> {
            Optional<Path> answer = askGit.apply(git);
            remember(env, k, answer);
            return answer;
        }));
    }

    /**
     * Makes JGit's process-wide reader of git's configuration agree with git in environment
     * {@code env} without running git: user files under {@code $HOME}, the system file from
     * {@link #file(Map)}. For a program that is git-model (the command line), once at start-up.
     */
    public static void applyToJGit(Map<String, String> env) {
        String home = env.get("HOME");
        if (home != null && !home.isEmpty()) {
            FS.DETECTED.setUserHome(new File(home));
        }
        FS.DETECTED.setGitSystemConfig(file(env).map(Path::toFile).orElse(null));
    }

    /**
     * What the git at {@code git} says, as JGit asks it: the origin of the first entry of
     * {@code git config --system --show-origin --list}, else (an empty file) the file
     * {@code git config --system --edit} would open, with {@code echo} as the editor.
     */
    private static Optional<Path> askGit(Path git, Map<String, String> env) {
        try {
            String listed = run(env, git.toString(), "config", "--system", "--show-origin", "--list", "-z");
            if (listed != null && listed.startsWith("file:")) {
                int end = listed.indexOf('\0');
                return Optional.of(Path.of(listed.substring("file:".length(), end < 0 ? listed.length() : end)));
            }
            String edited = run(env, git.toString(), "config", "--system", "--edit");
            if (edited != null && !edited.isBlank()) {
                return Optional.of(Path.of(edited.strip()));
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot ask {} where its system configuration is: {}", git, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.of(DEFAULT);
    }

    private static String run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("GIT_EDITOR", "echo");
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        return p.waitFor() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
    }

    private static Path cacheFile(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isEmpty()) {
            return Path.of(xdg, "git-model", "git-system-config");
        }
        String home = env.get("HOME");
        return home == null || home.isEmpty() ? null : Path.of(home, ".cache", "git-model", "git-system-config");
    }

    private static Optional<Optional<Path>> remembered(Map<String, String> env, String key) {
        Path cache = cacheFile(env);
        if (cache == null || !Files.isRegularFile(cache)) {
            return Optional.empty();
        }
        try {
            for (String line : Files.readAllLines(cache, StandardCharsets.UTF_8)) {
                int tab = line.lastIndexOf('\t');
                if (tab > 0 && line.substring(0, tab).equals(key)) {
                    String value = line.substring(tab + 1);
                    return Optional.of(value.equals(NONE) ? Optional.empty() : Optional.of(Path.of(value)));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot read {}: {}", cache, e.getMessage());
        }
        return Optional.empty();
    }

    /** Stores one answer (the latest git only: a changed git makes the old line useless). */
    private static void remember(Map<String, String> env, String key, Optional<Path> answer) {
        Path cache = cacheFile(env);
        if (cache == null) {
            return;
        }
        try {
            Files.createDirectories(cache.getParent());
            Path tmp = Files.createTempFile(cache.getParent(), "git-system-config", ".tmp");
            Files.writeString(tmp, key + "\t" + answer.map(Path::toString).orElse(NONE) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot remember git's system configuration file in {}: {}", cache, e.getMessage());
        }
    }

    private static Path onPath(String path, List<String> names) {
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            for (String name : names) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static boolean isWindows() {
        return File.separatorChar == '\\';
    }
}
