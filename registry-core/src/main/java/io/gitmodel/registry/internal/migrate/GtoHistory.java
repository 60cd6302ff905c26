package io.gitmodel.registry.internal.migrate;

import io.gitmodel.registry.errors.NotARegistryException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.internal.format.SafeYaml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A GTO registry read from its Git repository: every GTO tag in the order it was made (tagger
 * date, then GTO's counter, then name), and the files an artifact's {@code path} in
 * {@code artifacts.yaml} names at a commit.
 */
public final class GtoHistory implements AutoCloseable {
    private final Repository repo;
    private final Path directory;

    private GtoHistory(Repository repo, Path directory) {
        this.repo = repo;
        this.directory = directory;
    }

    public static GtoHistory open(Path directory) throws RegistryException {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(directory.toFile());
        if (builder.getGitDir() == null) {
            builder.setGitDir(directory.toFile());
        }
        try {
            return new GtoHistory(builder.setMustExist(true).build(), directory);
        } catch (IOException | IllegalArgumentException e) {
            throw new NotARegistryException(directory, directory + " is not a Git repository: import gto reads a repository"
                    + " whose GTO tags (name@v1.2.3, name#stage#N) make the registry");
        }
    }

    /** Every GTO tag, oldest first. */
    public List<GtoTag> tags() throws RegistryException {
        List<GtoTag> out = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo)) {
            for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
                String name = ref.getName().substring(Constants.R_TAGS.length());
                if (GtoTag.kindOf(name).isEmpty()) {
                    continue;
                }
                RevObject o = walk.parseAny(ref.getObjectId());
                PersonIdent who;
                String message = "";
                if (o instanceof RevTag tag) {
                    who = tag.getTaggerIdent();
                    message = tag.getFullMessage().strip();
                    o = walk.peel(tag);
                } else {
                    who = null;
                }
                if (!(o instanceof RevCommit commit)) {
                    continue;
                }
                walk.parseBody(commit);
                if (who == null) {
                    who = commit.getCommitterIdent();
                }
                GtoTag.parse(name, commit.copy(), who.getName() + " <" + who.getEmailAddress() + ">", who.getWhenAsInstant(), message)
                        .ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new RegistryIOException("cannot read the tags of " + directory, e);
        }
        out.sort(Comparator.comparing(GtoTag::when).thenComparingInt(GtoTag::counter).thenComparing(GtoTag::name));
        return out;
    }

    /**
     * The files of the artifact at a commit, as {@code artifacts.yaml} there names its {@code path}
     * (a file or a directory), written under {@code into}: path in the artifact to file. Empty when
     * artifacts.yaml does not name it or the path is not in Git (kept by DVC, say).
     */
    public Map<String, Path> files(String artifact, ObjectId commit, Path into) throws RegistryException {
        Map<String, Path> out = new TreeMap<>();
        Optional<String> path = artifactPath(artifact, commit);
        if (path.isEmpty()) {
            return out;
        }
        try (RevWalk walk = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(walk.parseCommit(commit).getTree());
            tw.setRecursive(true);
            String prefix = path.get().replaceAll("^\\./", "").replaceAll("/$", "");
            while (tw.next()) {
                String p = tw.getPathString();
                if (tw.getFileMode(0).getObjectType() != Constants.OBJ_BLOB || tw.getFileMode(0) == FileMode.GITLINK) {
                    continue;
                }
                String inArtifact = p.equals(prefix) ? p.substring(p.lastIndexOf('/') + 1)
                        : p.startsWith(prefix + "/") ? p.substring(prefix.length() + 1) : null;
                if (inArtifact == null) {
                    continue;
                }
                Path file = into.resolve(inArtifact).normalize();
                if (!file.startsWith(into)) {
                    continue; // a path that climbs out: not ours to write
                }
                Files.createDirectories(file.getParent());
                try (InputStream in = repo.open(tw.getObjectId(0)).openStream()) {
                    Files.copy(in, file);
                }
                out.put(inArtifact, file);
            }
        } catch (IOException e) {
            throw new RegistryIOException("cannot read " + path.get() + " of " + artifact + " at " + commit.name() + " in "
                    + directory, e);
        }
        return out;
    }

    private Optional<String> artifactPath(String artifact, ObjectId commit) throws RegistryException {
        try (RevWalk walk = new RevWalk(repo); TreeWalk tw = TreeWalk.forPath(repo, "artifacts.yaml", walk.parseCommit(commit).getTree())) {
            if (tw == null) {
                return Optional.empty();
            }
            String text = new String(repo.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            Map<String, Object> doc = SafeYaml.loadMap(text, directory + ":artifacts.yaml@" + commit.abbreviate(12).name());
            if (doc.get(artifact) instanceof Map<?, ?> entry && entry.get("path") instanceof String p && !p.isBlank()) {
                return Optional.of(p);
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new RegistryIOException("cannot read artifacts.yaml at " + commit.name() + " in " + directory, e);
        }
    }

    @Override
    public void close() {
        repo.close();
    }
}
