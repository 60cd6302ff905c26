package io.gitmodel.registry.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Writes commits to a (bare) repository with the real {@code git} plumbing commands, without a
 * working tree: a temporary index, {@code hash-object}, {@code update-index}, {@code write-tree},
 * {@code commit-tree} and a compare-and-swap {@code update-ref}. This is how a user, a script or
 * an attacker changes a registry behind git-model's back.
 */
public final class GitPlumbing {
    private final Map<String, String> env;
    private final Path gitDir;

    public GitPlumbing(Map<String, String> env, Path gitDir) {
        this.env = Map.copyOf(env);
        this.gitDir = gitDir;
    }

    private GitCli.Result git(Map<String, String> extraEnv, String... args) {
        Map<String, String> e = new HashMap<>(env);
        e.putAll(extraEnv);
        List<String> command = new ArrayList<>();
        command.add("git");
        command.add("--git-dir=" + gitDir);
        command.addAll(List.of(args));
        return new GitCli(e).run(gitDir, command);
    }

    /** The commit id {@code rev} names, or null. */
    public String revParse(String rev) {
        GitCli.Result r = git(Map.of(), "rev-parse", "--verify", "-q", rev + "^{commit}");
        return r.exitCode() == 0 ? r.stdout().trim() : null;
    }

    /**
     * Commits on {@code refs/heads/<branch>}: the branch's tree with {@code files} set (a null value
     * deletes the file), {@code message} as message.
     *
     * @param extraEnv e.g. {@code GIT_COMMITTER_DATE}
     * @param commitTreeOptions extra options of {@code git commit-tree}, e.g. {@code -S}
     * @return the new commit id
     */
    public String commit(String branch, Map<String, String> files, String message, Map<String, String> extraEnv,
            String... commitTreeOptions) throws IOException {
        Path scratch = Files.createTempDirectory("plumbing");
        try {
            Map<String, String> e = new HashMap<>(extraEnv);
            e.put("GIT_INDEX_FILE", scratch.resolve("index").toString());
            String parent = revParse("refs/heads/" + branch);
            if (parent != null) {
                git(e, "read-tree", parent).ok();
            }
            int n = 0;
            for (Map.Entry<String, String> f : files.entrySet()) {
                if (f.getValue() == null) {
                    git(e, "update-index", "--force-remove", f.getKey()).ok();
                    continue;
                }
                Path content = Files.writeString(scratch.resolve("blob" + n++), f.getValue(), StandardCharsets.UTF_8);
                String blob = git(e, "hash-object", "-w", content.toString()).ok().stdout().trim();
                git(e, "update-index", "--add", "--cacheinfo", "100644," + blob + "," + f.getKey()).ok();
            }
            String tree = git(e, "write-tree").ok().stdout().trim();
            Path msg = Files.writeString(scratch.resolve("message"), message, StandardCharsets.UTF_8);
            List<String> args = new ArrayList<>(List.of("commit-tree", tree));
            if (parent != null) {
                args.add("-p");
                args.add(parent);
            }
            args.addAll(List.of(commitTreeOptions));
            args.add("-F");
            args.add(msg.toString());
            String commit = git(e, args.toArray(String[]::new)).ok().stdout().trim();
            git(e, "update-ref", "refs/heads/" + branch, commit, parent == null ? "" : parent).ok();
            return commit;
        } finally {
            try (var walk = Files.walk(scratch)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Writes a copy of a commit object with its raw text edited (signature kept), returning its id. */
    public String rewriteCommit(String commit, UnaryOperator<String> edit) throws IOException {
        String raw = git(Map.of(), "cat-file", "commit", commit).ok().stdout();
        Path file = Files.createTempFile("commit", ".txt");
        try {
            Files.writeString(file, edit.apply(raw), StandardCharsets.UTF_8);
            return git(Map.of(), "hash-object", "-t", "commit", "-w", file.toString()).ok().stdout().trim();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Moves {@code refs/heads/<branch>} from {@code oldId} to {@code newId} (compare-and-swap). */
    public void updateBranch(String branch, String newId, String oldId) {
        git(Map.of(), "update-ref", "refs/heads/" + branch, newId, oldId).ok();
    }

    /** The text of {@code rev:path}. */
    public String show(String rev, String path) {
        return git(Map.of(), "show", rev + ":" + path).ok().stdout();
    }

    /** Runs any git command in this repository. */
    public GitCli.Result run(String... args) {
        return git(Map.of(), args);
    }

    /** Runs any git command in this repository with extra environment variables. */
    public GitCli.Result run(Map<String, String> extraEnv, String... args) {
        return git(extraEnv, args);
    }

    /**
     * A registry.yaml in format 1 with the default stages, allowed signers and production gates.
     */
    public static String registryYaml(boolean signed, List<String> allowedSigners, List<String> productionGates) {
        StringBuilder y = new StringBuilder("format: 1\nsigning:\n  required: ").append(signed).append("\n  allowed_signers: [");
        y.append(String.join(", ", allowedSigners.stream().map(s -> "'" + s + "'").toList())).append("]\n");
        y.append("stages:\n  staging:\n    description: candidates under evaluation\n");
        y.append("  production:\n    description: serving live traffic\n    requires: staging\n    gates: [");
        y.append(String.join(", ", productionGates.stream().map(g -> "'" + g.replace("'", "''") + "'").toList())).append("]\n");
        y.append("    approvals: 0\n");
        y.append("  archived:\n    description: retired versions, kept forever\n    multi_valued: true\n");
        return y.toString();
    }

    /** Commits a new registry.yaml on the registry branch with the real git. */
    public String commitRegistryYaml(String branch, String yaml) throws IOException {
        return commit(branch, Map.of("registry.yaml", yaml), "Change registry rules\n", Map.of());
    }
}
