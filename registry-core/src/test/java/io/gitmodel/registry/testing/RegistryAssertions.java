package io.gitmodel.registry.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Whole-registry consistency checks made with the real {@code git} and an independent YAML reader
 * (not the library's own), so that they judge the on-disk format rather than the code under test.
 */
public final class RegistryAssertions {
    /** {@code refs/tags/<name>@v<N>}: a version tag of a model (model names cannot contain '@'). */
    private static final Pattern VERSION_TAG = Pattern.compile("refs/tags/([^@]+)@v([1-9][0-9]*)");
    private static final String POINTER_VERSION = "version https://git-lfs.github.com/spec/v1";

    private RegistryAssertions() {
    }

    /**
     * Asserts that a registry is consistent:
     * <ul>
     *   <li>{@code git fsck --strict --no-dangling} exits 0 and reports no error, missing object or warning;</li>
     *   <li>every tag {@code refs/tags/<name>@v<N>} is an annotated tag (named {@code <name>@v<N>}) of a
     *       commit whose {@code models/<name>/model.yaml} says name {@code <name>} and version {@code N};</li>
     *   <li>every artifact that model.yaml lists has a pointer file, byte for byte the Git LFS pointer
     *       spec v1, under {@code models/<name>/artifacts/}, and every pointer file there is listed;</li>
     *   <li>every such object is present in {@code <gitDir>/lfs/objects/aa/bb/<oid>} with the right
     *       size and sha256.</li>
     * </ul>
     *
     * @param gitDir the Git directory: {@code .git} of a working tree, or the bare repository
     * @return the version tags found, e.g. {@code fraud@v1}, sorted
     */
    public static List<String> assertConsistent(TestEnv env, Path gitDir) {
        GitCli git = env.git();
        GitCli.Result fsck = git.git(gitDir, "--git-dir=" + gitDir, "fsck", "--strict", "--no-dangling", "--no-progress");
        String fsckOutput = fsck.stdout() + fsck.stderr();
        assertEquals(0, fsck.exitCode(), () -> "git fsck --strict failed in " + gitDir + ":\n" + fsckOutput);
        String lower = fsckOutput.toLowerCase(Locale.ROOT);
        for (String bad : List.of("error", "missing", "warning", "broken", "bad ")) {
            assertTrue(!lower.contains(bad), () -> "git fsck --strict reported '" + bad.strip() + "' in " + gitDir + ":\n" + fsckOutput);
        }

        String refs = git.git(gitDir, "--git-dir=" + gitDir, "for-each-ref",
                "--format=%(refname) %(objecttype) %(*objecttype) %(*objectname) %(tag)", "refs/tags/").ok().stdout();
        List<String> versionTags = new ArrayList<>();
        for (String line : refs.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(" ", -1);
            Matcher m = VERSION_TAG.matcher(f[0]);
            if (!m.matches()) {
                continue; // not a version tag (e.g. a user's own tag in a shared repository)
            }
            String name = m.group(1);
            int version = Integer.parseInt(m.group(2));
            String tagName = name + "@v" + version;
            versionTags.add(tagName);
            assertEquals("tag", f[1], () -> f[0] + " must be an annotated tag, but points at a " + f[1]);
            assertEquals("commit", f[2], () -> f[0] + " must tag a commit, but tags a " + f[2]);
            assertEquals(tagName, f[4], () -> "the tag object of " + f[0] + " names itself " + f[4]);
            checkVersionCommit(git, gitDir, name, version, f[3]);
        }
        versionTags.sort(null);
        return versionTags;
    }

    @SuppressWarnings("unchecked")
    private static void checkVersionCommit(GitCli git, Path gitDir, String name, int version, String commit) {
        String where = name + "@v" + version + " (commit " + commit + ")";
        String modelDir = "models/" + name;
        GitCli.Result yaml = git.git(gitDir, "--git-dir=" + gitDir, "cat-file", "blob", commit + ":" + modelDir + "/model.yaml");
        assertEquals(0, yaml.exitCode(), () -> where + " has no " + modelDir + "/model.yaml: " + yaml.stderr());
        Object doc = new Load(LoadSettings.builder().setLabel(where).build()).loadFromString(yaml.stdout());
        if (!(doc instanceof Map<?, ?> map)) {
            throw new AssertionError(where + ": model.yaml is not a mapping:\n" + yaml.stdout());
        }
        assertEquals(name, map.get("name"), () -> where + ": model.yaml names another model:\n" + yaml.stdout());
        assertEquals(version, ((Number) map.get("version")).intValue(), () -> where + ": model.yaml has another version:\n" + yaml.stdout());

        // the pointer files under models/<name>/artifacts/ in this commit
        String tree = git.git(gitDir, "--git-dir=" + gitDir, "ls-tree", "-r", "-z", "--full-tree", commit, "--", modelDir + "/artifacts/").ok().stdout();
        TreeSet<String> pointerFiles = new TreeSet<>();
        for (String line : tree.split("\0")) {
            if (!line.isEmpty()) {
                // <mode> SP <type> SP <object> TAB <path>
                int tab = line.indexOf('\t');
                String[] meta = line.substring(0, tab).split(" ");
                String[] f = {meta[0], meta[1], line.substring(tab + 1)};
                assertEquals("100644", f[0], () -> where + ": artifact pointer " + f[2] + " must be a regular file, mode " + f[0]);
                assertEquals("blob", f[1], () -> where + ": " + f[2] + " is not a blob");
                pointerFiles.add(f[2]);
            }
        }

        Object listed = map.get("artifacts");
        List<Map<String, Object>> artifacts = listed == null ? List.of() : (List<Map<String, Object>>) listed;
        TreeSet<String> declared = new TreeSet<>();
        for (Map<String, Object> a : artifacts) {
            String path = (String) a.get("path");
            String oidText = String.valueOf(a.get("oid"));
            long size = ((Number) a.get("size")).longValue();
            assertTrue(oidText.matches("sha256:[0-9a-f]{64}"), () -> where + ": artifact " + path + " has oid " + oidText);
            String oid = oidText.substring("sha256:".length());
            String file = modelDir + "/artifacts/" + path;
            declared.add(file);

            GitCli.Result pointer = git.git(gitDir, "--git-dir=" + gitDir, "cat-file", "blob", commit + ":" + file);
            assertEquals(0, pointer.exitCode(), () -> where + ": no pointer file " + file + ": " + pointer.stderr());
            assertEquals(POINTER_VERSION + "\noid sha256:" + oid + "\nsize " + size + "\n", pointer.stdout(),
                    () -> where + ": " + file + " is not the Git LFS pointer of its artifact");

            Path object = gitDir.resolve("lfs").resolve("objects").resolve(oid.substring(0, 2)).resolve(oid.substring(2, 4)).resolve(oid);
            assertTrue(Files.isRegularFile(object, LinkOption.NOFOLLOW_LINKS), () -> where + ": artifact " + path
                    + " is missing from the LFS store: " + object);
            try {
                assertEquals(size, Files.size(object), () -> where + ": LFS object " + object + " has the wrong size");
                assertEquals(oid, sha256(object), () -> where + ": LFS object " + object + " does not hash to its oid");
            } catch (IOException e) {
                fail("cannot read " + object, e);
            }
        }
        assertEquals(declared, pointerFiles, () -> where + ": the pointer files in the tree differ from the artifacts in model.yaml");
    }

    /** The sha256 of a file, as 64 lowercase hex digits. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                md.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** The sha256 of bytes, as 64 lowercase hex digits. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** The Git LFS pointer file (spec v1) of these bytes. */
    public static String lfsPointer(byte[] bytes) {
        if (bytes.length == 0) {
            return ""; // Git LFS: an empty file is its own pointer
        }
        return POINTER_VERSION + "\noid sha256:" + sha256(bytes) + "\nsize " + bytes.length + "\n";
    }
}
