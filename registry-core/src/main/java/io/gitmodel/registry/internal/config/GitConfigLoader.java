package io.gitmodel.registry.internal.config;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.internal.storage.file.FileSnapshot;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;

/**
 * Reads Git configuration from the files {@code git} itself reads, in its order: system
 * ({@link GitSystemConfig}: none with {@code GIT_CONFIG_NOSYSTEM}, {@code GIT_CONFIG_SYSTEM}, else the
 * file of the git on {@code PATH}, usually {@code /etc/gitconfig}), global
 * ({@code GIT_CONFIG_GLOBAL}, or {@code $XDG_CONFIG_HOME/git/config} then {@code $HOME/.gitconfig}),
 * the repository's {@code config}, then {@code GIT_CONFIG_COUNT}/{@code GIT_CONFIG_KEY_n}/
 * {@code GIT_CONFIG_VALUE_n}.
 *
 * <p>JGit alone takes the home directory from the JVM's {@code user.home} rather than
 * {@code $HOME}, so in containers and tests it would read another user's settings than git does.
 */
public final class GitConfigLoader {
    private final Map<String, String> env;

    public GitConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    /** The home directory git uses: {@code $HOME}, else the JVM's {@code user.home}. */
    public Path home() {
        String home = env.get("HOME");
        return Path.of(home != null && !home.isEmpty() ? home : System.getProperty("user.home"));
    }

    /**
     * A loaded configuration and the files it was read from (those missing too, as they were): it
     * stays valid until one of them changes, which {@link #current()} checks with a stat each.
     */
    public record Loaded(Config config, List<File> files, List<FileSnapshot> snapshots) {
        public boolean current() {
            for (int i = 0; i < files.size(); i++) {
                if (snapshots.get(i).isModified(files.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** As {@link #load}, remembering the files' state so that a caller can keep the result while they are unchanged. */
    public Loaded loadTracked(Path gitDir) throws IOException, ConfigInvalidException {
        List<File> files = new ArrayList<>();
        GitSystemConfig.file(env).ifPresent(p -> files.add(p.toFile()));
        String global = env.get("GIT_CONFIG_GLOBAL");
        if (global != null) {
            files.add(new File(global));
        } else {
            String xdg = env.get("XDG_CONFIG_HOME");
            Path xdgDir = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : home().resolve(".config");
            files.add(xdgDir.resolve("git").resolve("config").toFile());
            files.add(home().resolve(".gitconfig").toFile());
        }
        if (gitDir != null) {
            files.add(gitDir.resolve("config").toFile());
        }
        List<FileSnapshot> snapshots = new ArrayList<>();
        for (File f : files) {
            snapshots.add(FileSnapshot.save(f)); // before reading: a change while reading shows as modified
        }
        return new Loaded(load(gitDir), List.copyOf(files), List.copyOf(snapshots));
    }

    /** The effective configuration for a repository ({@code gitDir} may be {@code null}: no repository). */
    public Config load(Path gitDir) throws IOException, ConfigInvalidException {
        FS fs = FS.DETECTED.newInstance().setUserHome(home().toFile());
        Config config = new Config();
        java.util.Optional<Path> system = GitSystemConfig.file(env);
        if (system.isPresent()) {
            config = layer(config, system.get(), fs);
        }
        String global = env.get("GIT_CONFIG_GLOBAL");
        if (global != null) {
            config = layer(config, Path.of(global), fs);
        } else {
            String xdg = env.get("XDG_CONFIG_HOME");
            Path xdgDir = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : home().resolve(".config");
            config = layer(config, xdgDir.resolve("git").resolve("config"), fs);
            config = layer(config, home().resolve(".gitconfig"), fs);
        }
        if (gitDir != null) {
            config = layer(config, gitDir.resolve("config"), fs);
        }
        return withEnvironmentEntries(config);
    }

    private static Config layer(Config base, Path file, FS fs) throws IOException, ConfigInvalidException {
        File f = file.toFile();
        if (!f.isFile()) {
            return base;
        }
        FileBasedConfig config = new FileBasedConfig(base, f, fs);
        config.load();
        return config;
    }

    private Config withEnvironmentEntries(Config base) throws ConfigInvalidException {
        String count = env.get("GIT_CONFIG_COUNT");
        if (count == null) {
            return base;
        }
        Config config = new Config(base);
        int n;
        try {
            n = Integer.parseInt(count.trim());
        } catch (NumberFormatException e) {
            throw new ConfigInvalidException("GIT_CONFIG_COUNT=" + count + " is not a number");
        }
        for (int i = 0; i < n; i++) {
            String key = env.get("GIT_CONFIG_KEY_" + i);
            String value = env.get("GIT_CONFIG_VALUE_" + i);
            if (key == null || value == null) {
                throw new ConfigInvalidException("GIT_CONFIG_KEY_" + i + " or GIT_CONFIG_VALUE_" + i + " is missing");
            }
            int first = key.indexOf('.');
            int last = key.lastIndexOf('.');
            if (first <= 0 || last == key.length() - 1) {
                throw new ConfigInvalidException("GIT_CONFIG_KEY_" + i + "=" + key + " is not section.name");
            }
            String section = key.substring(0, first);
            String subsection = first == last ? null : key.substring(first + 1, last);
            config.setString(section, subsection, key.substring(last + 1), value);
        }
        return config;
    }

    static boolean truthy(String value) {
        if (value == null) {
            return false;
        }
        String v = value.trim().toLowerCase();
        return !(v.isEmpty() || v.equals("0") || v.equals("false") || v.equals("no") || v.equals("off"));
    }
}
