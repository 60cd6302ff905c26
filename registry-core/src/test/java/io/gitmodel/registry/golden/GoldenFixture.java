package io.gitmodel.registry.golden;

import io.gitmodel.registry.RegistryConfig;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Restores the checked-in fixture and reads raw Git data, with JGit only (no git CLI needed). */
final class GoldenFixture {
    static final String RESOURCE = "/golden/format-1/";

    private GoldenFixture() {
    }

    /** A file of the fixture, from the test class path. */
    static Path resource(String name) {
        URL url = GoldenFixture.class.getResource(RESOURCE + name);
        if (url == null) {
            throw new AssertionError("fixture file " + RESOURCE + name + " is missing from the test class path");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Restores the fixture as a bare repository in {@code dir}: every ref of the bundle under the
     * same name, HEAD naming the branch the bundle's HEAD pointed at (as {@code git clone} would
     * choose it), and the Git LFS objects in {@code lfs/objects}.
     */
    static Path restore(Path dir) throws IOException, GitAPIException {
        try (Git git = Git.init().setBare(true).setDirectory(dir.toFile()).setInitialBranch("unborn").call()) {
            // JGit's fetch ends with an automatic gc, by default in a background thread that would
            // still be writing in the directory when the test deletes it
            StoredConfig config = git.getRepository().getConfig();
            config.setBoolean("gc", null, "autoDetach", false);
            config.save();
            FetchResult fetched = git.fetch().setRemote(resource("registry.bundle").toString())
                    .setRefSpecs(new RefSpec("+refs/*:refs/*")).setTagOpt(TagOpt.NO_TAGS).call();
            Ref head = fetched.getAdvertisedRef(Constants.HEAD);
            if (head == null) {
                throw new AssertionError("the bundle has no HEAD");
            }
            Repository repo = git.getRepository();
            Optional<Ref> branch = repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS).stream()
                    .filter(r -> r.getObjectId().equals(head.getObjectId()) && !r.getName().startsWith(Constants.R_HEADS + "stages/"))
                    .findFirst();
            if (branch.isEmpty()) {
                throw new AssertionError("no branch of the bundle is at its HEAD " + head.getObjectId().name());
            }
            RefUpdate.Result linked = repo.updateRef(Constants.HEAD).link(branch.get().getName());
            if (linked != RefUpdate.Result.FORCED && linked != RefUpdate.Result.NEW) {
                throw new AssertionError("cannot point HEAD at " + branch.get().getName() + ": " + linked);
            }
        }
        GoldenFixtureGenerator.copyTree(resource("lfs/objects"), dir.resolve("lfs").resolve("objects"));
        return dir;
    }

    static Repository open(Path gitDir) throws IOException {
        return new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
    }

    /** Every ref under refs/ with the id it points at (an annotated tag's own id, not the commit's). */
    static Map<String, String> refs(Path gitDir) throws IOException {
        Map<String, String> refs = new TreeMap<>();
        try (Repository repo = open(gitDir)) {
            for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_REFS)) {
                refs.put(ref.getName(), ref.getObjectId().name());
            }
        }
        return refs;
    }

    /** Where HEAD points, e.g. {@code refs/heads/main}. */
    static String headTarget(Path gitDir) throws IOException {
        try (Repository repo = open(gitDir)) {
            Ref head = repo.exactRef(Constants.HEAD);
            return head.isSymbolic() ? head.getTarget().getName() : head.getObjectId().name();
        }
    }

    /** The text of {@code path} in the commit {@code rev} (a ref name or an id; tags are peeled). */
    static String text(Path gitDir, String rev, String path) throws IOException {
        return new String(bytes(gitDir, rev, path), StandardCharsets.UTF_8);
    }

    static byte[] bytes(Path gitDir, String rev, String path) throws IOException {
        try (Repository repo = open(gitDir); RevWalk walk = new RevWalk(repo)) {
            ObjectId id = repo.resolve(rev + "^{commit}");
            if (id == null) {
                throw new AssertionError("no commit " + rev);
            }
            try (TreeWalk tw = TreeWalk.forPath(repo, path, walk.parseCommit(id).getTree())) {
                if (tw == null) {
                    throw new AssertionError("no file " + path + " in " + rev);
                }
                return repo.open(tw.getObjectId(0), Constants.OBJ_BLOB).getBytes();
            }
        }
    }

    /** The raw bytes of an object (a commit or tag as Git stores it, without the header). */
    static String rawObject(Path gitDir, String id) throws IOException {
        try (Repository repo = open(gitDir)) {
            return new String(repo.open(ObjectId.fromString(id)).getBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Every file under {@code lfs/objects}, relative path to bytes. */
    static Map<String, byte[]> lfsObjects(Path gitDir) throws IOException {
        Path root = gitDir.resolve("lfs").resolve("objects");
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        return out;
    }

    /** Reading as git would with an empty HOME and no system config: nothing from this machine. */
    static RegistryConfig config(Path home) throws IOException {
        Files.createDirectories(home);
        return RegistryConfig.builder().environment(env(home)).captureSource(false).build();
    }

    static Map<String, String> env(Path home) {
        return Map.of("HOME", home.toString(), "GIT_CONFIG_NOSYSTEM", "1", "LANG", "C",
                "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    }
}
