package io.gitmodel.registry.testing;

import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.RegistryConfig;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A child process for multi-process tests:
 * {@code RegisterMain <registryDir> <model> <count> <artifactFile>} registers {@code count} versions
 * of {@code model} (each with the artifact and a metric {@code i} = 0..count-1 plus a tag naming
 * this process), printing each returned ref (e.g. {@code fraud@v3}) on its own line on stdout. Exits
 * 0 on success, 1 with the message on stderr on failure, 2 on bad usage.
 *
 * <p>Start barrier (optional system properties): it warms up (one registration in a scratch
 * registry), opens the registry, then creates the file
 * {@code -Dregistermain.ready=<file>} and waits until {@code -Dregistermain.go=<file>} exists, so that
 * several children can be released at the same instant. The Git configuration comes from the
 * process environment (the parent passes {@link TestEnv#env()}).
 */
public final class RegisterMain {
    public static final String READY = "registermain.ready";
    public static final String GO = "registermain.go";

    private RegisterMain() {
    }

    public static void main(String[] args) {
        // stdout carries refs only: anything else that writes to System.out (logging) goes to stderr
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        if (args.length != 4) {
            System.err.println("usage: RegisterMain <registryDir> <model> <count> <artifactFile>");
            System.exit(2);
        }
        try {
            Path dir = Path.of(args[0]);
            String model = args[1];
            int count = Integer.parseInt(args[2]);
            Path artifact = Path.of(args[3]);
            RegistryConfig config = RegistryConfig.builder().captureSource(false).build();
            if (System.getProperty(GO) != null) {
                warmUp(config, artifact);
            }
            try (Registry registry = Registry.open(dir, config)) {
                awaitGo();
                String who = "pid-" + ProcessHandle.current().pid();
                for (int i = 0; i < count; i++) {
                    ModelVersion v = registry.register(model).artifact(artifact).metric("i", i).tag("writer", who).call();
                    out.println(v.ref());
                }
            }
            out.flush();
            System.exit(0);
        } catch (Throwable e) {
            System.err.println("RegisterMain failed: " + e);
            e.printStackTrace(System.err);
            System.exit(1);
        }
    }

    /**
     * Registers once in a scratch registry, so that class loading and JIT of the write path happen
     * before the start signal and the children then race on equal terms.
     */
    private static void warmUp(RegistryConfig config, Path artifact) throws Exception {
        Path scratch = Files.createTempDirectory("registermain-warmup");
        try {
            try (Registry registry = Registry.init(scratch.resolve("r")).bare(true).config(config).call()) {
                registry.register("warmup").artifact(artifact).metric("i", 0).call();
                registry.resolve("warmup@latest");
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
