package io.gitmodel.registry.internal.verify;

import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.internal.lfs.SharedFiles;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The repository as it will be if a push is accepted, for a pre-receive hook to judge with the
 * ordinary readers: a throwaway git directory whose refs are the repository's overlaid with the
 * pushed values, and whose objects are the repository's plus those the push brought, which git
 * keeps in a quarantine directory until the hook accepts them ({@code GIT_OBJECT_DIRECTORY} and
 * {@code GIT_ALTERNATE_OBJECT_DIRECTORIES} name both).
 */
public final class ProposedState implements AutoCloseable {
    private final Path dir;
    private final Repository repo;

    private ProposedState(Path dir, Repository repo) {
        this.dir = dir;
        this.repo = repo;
    }

    /**
     * @param real the repository receiving the push
     * @param refs every ref it will have (name to id)
     * @param env the hook's environment (git's quarantine variables)
     */
    public static ProposedState of(Repository real, Map<String, ObjectId> refs, Map<String, String> env)
            throws RegistryException {
        Path gitDir = real.getDirectory().toPath();
        Path dir;
        try {
            Path parent = Files.createDirectories(gitDir.resolve("git-model").resolve("proposed"));
            dir = Files.createTempDirectory(parent, "push-");
            Files.createDirectories(dir.resolve("refs").resolve("heads"));
            Files.createDirectories(dir.resolve("refs").resolve("tags"));
            Files.createDirectories(dir.resolve("objects"));
            Files.copy(gitDir.resolve("HEAD"), dir.resolve("HEAD"));
            Files.copy(gitDir.resolve("config"), dir.resolve("config"));
            StringBuilder packed = new StringBuilder("# pack-refs with: sorted\n");
            refs.forEach((name, id) -> packed.append(id.name()).append(' ').append(name).append('\n'));
            Files.writeString(dir.resolve("packed-refs"), packed, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RegistryIOException("cannot prepare the proposed state of " + gitDir + " for the pre-receive check", e);
        }
        Path objects = gitDir.resolve("objects");
        List<File> alternates = new ArrayList<>();
        String quarantine = env.get("GIT_OBJECT_DIRECTORY");
        String others = env.get("GIT_ALTERNATE_OBJECT_DIRECTORIES");
        if (others != null) {
            for (String p : others.split(File.pathSeparator)) {
                if (!p.isBlank()) {
                    alternates.add(resolve(gitDir, p).toFile());
                }
            }
        }
        alternates.add(objects.toFile());
        try {
            FileRepositoryBuilder b = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare()
                    .setObjectDirectory(quarantine == null ? objects.toFile() : resolve(gitDir, quarantine).toFile());
            alternates.forEach(b::addAlternateObjectDirectory);
            return new ProposedState(dir, b.build());
        } catch (IOException e) {
            SharedFiles.deleteTree(dir); // a leftover under git-model/proposed/ does no harm
            throw new RegistryIOException("cannot open the proposed state of " + gitDir, e);
        }
    }

    private static Path resolve(Path gitDir, String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p : gitDir.resolve(p).normalize();
    }

    /** The repository as it will be. */
    public Repository repository() {
        return repo;
    }

    @Override
    public void close() {
        repo.close();
        SharedFiles.deleteTree(dir); // a leftover under git-model/proposed/ does no harm
    }
}
