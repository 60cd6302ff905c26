package io.gitmodel.registry.testing;

import io.gitmodel.registry.Registry;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Starts child JVMs running a test main class with this JVM's test class path. */
public final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * The class path for a child JVM: this JVM's, if it holds the test classes, the library and its
     * dependencies (surefire may instead run from a manifest-only jar, whose class path is in
     * {@code surefire.test.class.path}).
     */
    public static String classpath() throws URISyntaxException {
        List<Path> needed = new ArrayList<>();
        for (Class<?> c : List.of(ChildJvm.class, Registry.class, org.eclipse.jgit.lib.Repository.class,
                org.slf4j.LoggerFactory.class)) {
            needed.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath().normalize());
        }
        for (String property : List.of("java.class.path", "surefire.test.class.path")) {
            String cp = System.getProperty(property);
            if (cp == null || cp.isBlank()) {
                continue;
            }
            Set<Path> entries = Arrays.stream(cp.split(File.pathSeparator)).filter(s -> !s.isBlank())
                    .map(s -> Path.of(s).toAbsolutePath().normalize()).collect(Collectors.toSet());
            if (entries.containsAll(needed)) {
                return cp;
            }
        }
        throw new AssertionError("cannot find a class path for the child JVMs holding " + needed + "; java.class.path="
                + System.getProperty("java.class.path"));
    }

    /**
     * Starts {@code main} with {@code args} in {@code workDir}, the environment replaced by {@code env},
     * stdout and stderr to the given files.
     */
    public static Process start(Class<?> main, List<String> jvmOptions, List<String> args, Map<String, String> env, Path workDir,
            Path stdout, Path stderr) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xshare:auto");
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath());
        command.add(main.getName());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.directory(workDir.toFile());
        pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return pb.start();
    }
}
