package io.gitmodel.registry.internal.store;

import io.gitmodel.registry.errors.NotARegistryException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/** Finds and opens the Git repository of a registry, as git finds one from a directory. */
public final class RepositoryOpener {
    private RepositoryOpener() {
    }

    public static Repository open(Path directory) throws RegistryException {
        Path dir = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new NotARegistryException(dir, dir + " is not a registry: " + (Files.exists(dir)
                    ? "it is a file, not a directory" : "the directory does not exist"));
        }
        FileRepositoryBuilder builder = new FileRepositoryBuilder();
        if (RepositoryCache.FileKey.isGitRepository(dir.toFile(), FS.DETECTED)) {
            builder.setGitDir(dir.toFile());
        } else {
            builder.findGitDir(dir.toFile());
            if (builder.getGitDir() == null) {
                throw new NotARegistryException(dir, dir + " is not a registry: it is not in a Git repository;"
                        + " create a registry with: git-model init " + dir);
            }
        }
        try {
            return builder.setMustExist(true).build();
        } catch (IOException e) {
            throw new RegistryIOException("cannot open the Git repository at " + dir, e);
        }
    }

    /** The registry branch of a repository: {@code gitmodel.branch} in its config, else {@code main}. */
    public static String branchOf(Repository repo) {
        String branch = repo.getConfig().getString(RegistryLayout.CONFIG_SECTION, null, RegistryLayout.CONFIG_BRANCH);
        return branch == null || branch.isBlank() ? RegistryLayout.DEFAULT_BRANCH : branch.trim();
    }

    public static Path displayDirectory(Repository repo) {
        return repo.isBare() ? repo.getDirectory().toPath() : repo.getWorkTree().toPath();
    }
}
