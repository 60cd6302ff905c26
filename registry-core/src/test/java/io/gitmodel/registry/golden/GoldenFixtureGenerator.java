package io.gitmodel.registry.golden;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.storage.pack.PackConfig;
import org.eclipse.jgit.transport.BundleWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Regenerates the checked-in golden fixture {@code src/test/resources/golden/format-1}: builds
 * {@link GoldenRegistry} in a temporary directory, writes every ref and object to
 * {@code registry.bundle} (what {@code git bundle create registry.bundle --all} writes) and copies
 * the Git LFS objects to {@code lfs/objects/}.
 *
 * <p>Only for a deliberate format change; see the README.md next to the fixture. Run it with
 * {@code mvn -B -q -pl registry-core test -Dtest=GoldenFixtureGenerator -Dgolden.regenerate=true}
 * (the test method is disabled without that property), or call {@link #main(String[])} with the
 * fixture directory.
 */
public final class GoldenFixtureGenerator {
    /** The fixture, relative to the registry-core module (the working directory of its tests). */
    static final Path FIXTURE = Path.of("src", "test", "resources", "golden", "format-1");

    @Test
    @EnabledIfSystemProperty(named = "golden.regenerate", matches = "true")
    void regenerate() throws Exception {
        write(FIXTURE.toAbsolutePath());
    }

    /** {@code args[0]}: the fixture directory to (re)write, e.g. {@code registry-core/src/test/resources/golden/format-1}. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: GoldenFixtureGenerator <fixture-directory>");
            System.exit(2);
        }
        write(Path.of(args[0]).toAbsolutePath());
    }

    static void write(Path fixture) throws Exception {
        Path tmp = Files.createTempDirectory("golden-format-1-");
        try {
            Path registry = tmp.resolve("registry.git");
            GoldenRegistry.build(registry, tmp.resolve("scratch"));
            Files.createDirectories(fixture);
            writeBundle(registry, fixture.resolve("registry.bundle"));
            Path lfs = fixture.resolve("lfs");
            deleteRecursively(lfs);
            copyTree(registry.resolve("lfs").resolve("objects"), lfs.resolve("objects"));
            System.out.println("wrote " + fixture);
        } finally {
            deleteRecursively(tmp);
        }
    }

    /** Every ref under refs/ and HEAD, with all objects they reach, as one bundle. */
    static void writeBundle(Path gitDir, Path bundle) throws IOException {
        try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build()) {
            BundleWriter writer = new BundleWriter(repo);
            PackConfig pack = new PackConfig();
            pack.setThreads(1); // one delta search thread: the same bundle bytes on every run
            writer.setPackConfig(pack);
            List<Ref> refs = repo.getRefDatabase().getRefsByPrefix(Constants.R_REFS);
            for (Ref ref : refs) {
                writer.include(ref.getName(), ref.getObjectId());
            }
            writer.include(Constants.HEAD, repo.exactRef(Constants.HEAD).getObjectId());
            try (OutputStream out = Files.newOutputStream(bundle)) {
                writer.writeBundle(NullProgressMonitor.INSTANCE, out);
            }
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.sorted().toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
