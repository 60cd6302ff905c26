package io.gitmodel.registry.testing;

import io.gitmodel.registry.Registry;
import io.gitmodel.registry.RegistryConfig;
import io.gitmodel.registry.StageChange;
import io.gitmodel.registry.errors.ConcurrentUpdateException;
import io.gitmodel.registry.errors.StageRuleViolationException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A child process for multi-process stage tests:
 * {@code PromoteMain <registryDir> <ref> <stage> <reason>} promotes one version and prints
 * {@code <commit> <version> <previousVersion>} on stdout. Exit codes: 0 promoted; 3 a
 * {@link ConcurrentUpdateException}; 4 a {@link StageRuleViolationException}; 1 anything else
 * (the exception on stderr); 2 bad usage. The first line of stderr for 3/4 is
 * {@code FAILED <exception class>: <message>}.
 *
 * <p>Start barrier as in {@link RegisterMain}: {@code -Dpromotemain.ready=<file>} is created once
 * the process has warmed up (a signed promotion in a scratch registry, so class loading and key
 * loading are done) and opened the registry; it then waits for {@code -Dpromotemain.go=<file>}.
 * Git configuration (signing key) comes from the process environment.
 */
public final class PromoteMain {
    public static final String READY = "promotemain.ready";
    public static final String GO = "promotemain.go";

    private PromoteMain() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        if (args.length != 4) {
            System.err.println("usage: PromoteMain <registryDir> <ref> <stage> <reason>");
            System.exit(2);
        }
        try {
            RegistryConfig config = RegistryConfig.builder().captureSource(false).build();
            if (System.getProperty(GO) != null) {
                warmUp(config);
            }
            try (Registry registry = Registry.open(Path.of(args[0]), config)) {
                registry.resolve(args[1]);
                registry.status(null);
                awaitGo();
                StageChange change = registry.promote(args[1], args[2]).reason(args[3]).call();
                out.println(change.commit() + " " + change.event().version() + " " + change.event().previousVersion());
            }
            out.flush();
            System.exit(0);
        } catch (ConcurrentUpdateException e) {
            System.err.println("FAILED " + e.getClass().getName() + ": " + e.getMessage());
            System.exit(3);
        } catch (StageRuleViolationException e) {
            System.err.println("FAILED " + e.getClass().getName() + ": " + e.getMessage());
            System.exit(4);
        } catch (Throwable e) {
            System.err.println("PromoteMain failed: " + e);
            e.printStackTrace(System.err);
            System.exit(1);
        }
    }

    private static void warmUp(RegistryConfig config) throws Exception {
        Path scratch = Files.createTempDirectory("promotemain-warmup");
        try {
            try (Registry registry = Registry.init(scratch.resolve("r")).bare(true).config(config).call()) {
                registry.register("warmup").metric("auc", 0.5).call();
                registry.promote("warmup@v1", "staging").reason("warm up").call();
                registry.log("staging");
            }
        } finally {
            try (var walk = Files.walk(scratch)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void awaitGo() throws Exception {
        StartSignal.await(System.getProperty(READY), System.getProperty(GO), java.time.Duration.ofSeconds(60));
    }
}
