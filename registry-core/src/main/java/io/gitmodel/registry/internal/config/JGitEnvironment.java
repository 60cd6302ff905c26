package io.gitmodel.registry.internal.config;

import java.util.Map;
import org.eclipse.jgit.storage.file.WindowCacheConfig;

/** JGit's process-wide settings, made to read git's configuration as git does (see Registry.adoptGitEnvironment). */
public final class JGitEnvironment {
    private JGitEnvironment() {
    }

    public static void adopt(Map<String, String> env) {
        GitSystemConfig.applyToJGit(env);
        WindowCacheConfig cache = new WindowCacheConfig();
        // registering the pack cache's statistics starts the platform MBean server: tens of milliseconds a process
        cache.setExposeStatsViaJmx(false);
        cache.install();
    }
}
