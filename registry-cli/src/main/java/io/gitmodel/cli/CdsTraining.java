package io.gitmodel.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run of the class-data-sharing archive the build makes beside the jar
 * ({@code git-model.jsa}, {@code -XX:ArchiveClassesAtExit}): runs the everyday commands once, in
 * this one JVM, on a throw-away registry, so that the classes they load are archived; the
 * launcher then maps them instead of loading and verifying them on every call. Not a command.
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("git-model-cds");
        try {
            Path home = Files.createDirectories(dir.resolve("home"));
            Files.writeString(home.resolve(".gitconfig"), "[user]\n\tname = Training\n\temail = training@example.com\n");
            Map<String, String> env = new HashMap<>(System.getenv());
            env.remove("GIT_MODEL_REGISTRY");
            env.remove("GIT_CONFIG_SYSTEM");
            env.remove("GIT_CONFIG_GLOBAL");
            env.put("HOME", home.toString());
            env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
            env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
            env.put("GIT_CONFIG_NOSYSTEM", "1");
            Path model = Files.writeString(dir.resolve("model.bin"), "weights");
            String reg = dir.resolve("registry").toString();
            List<List<String>> calls = List.of(
                    List.of("version"),
                    List.of("init", "--unsigned", reg),
                    List.of("-C", reg, "register", "fraud", "--artifact", model.toString(), "--metric", "auc=0.9", "--param", "lr=0.1"),
                    List.of("-C", reg, "register", "fraud", "--artifact", model.toString(), "--metric", "auc=0.91"),
                    List.of("-C", reg, "promote", "fraud@v1", "staging", "-m", "training"),
                    List.of("-C", reg, "promote", "fraud@v1", "production", "-m", "training"),
                    List.of("-C", reg, "resolve", "fraud@production"),
                    List.of("-C", reg, "resolve", "fraud@latest"),
                    List.of("-C", reg, "show", "fraud@v1"),
                    List.of("-C", reg, "show", "--json", "fraud@v2"),
                    List.of("-C", reg, "versions", "fraud"),
                    List.of("-C", reg, "list"),
                    List.of("-C", reg, "status"),
                    List.of("-C", reg, "history", "fraud"),
                    List.of("-C", reg, "get", "fraud@v1", "-o", dir.resolve("out").toString()),
                    List.of("-C", reg, "resolve", "fraud@v9"));
            PrintWriter sink = new PrintWriter(Writer.nullWriter());
            for (List<String> call : calls) {
                Main.run(sink, sink, env, dir, call.toArray(String[]::new));
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
