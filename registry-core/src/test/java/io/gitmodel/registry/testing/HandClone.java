package io.gitmodel.registry.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A person's plain git clone of a registry, for doing by hand what git-model would refuse: commits
 * made with the real git CLI (signed with the person's key when asked), pushed with the real
 * {@code git push}. What an insider with push access, or a forge, can do.
 */
public final class HandClone {
    private final Team.Member who;
    private final Path work;

    private HandClone(Team.Member who, Path work) {
        this.who = who;
        this.work = work;
    }

    /** Clones {@code url} (a bare registry) into {@code dir} as {@code who}. */
    public static HandClone of(Team.Member who, String url, Path dir) {
        who.git().git(dir.getParent(), "clone", "-q", url, dir.toString()).ok();
        return new HandClone(who, dir);
    }

    public Path dir() {
        return work;
    }

    /** Runs git in the clone as this person. */
    public GitCli.Result git(String... args) {
        return who.git().git(work, args);
    }

    /** Runs git with extra environment (e.g. GIT_COMMITTER_NAME to claim another identity). */
    public GitCli.Result git(Map<String, String> extra, String... args) {
        Map<String, String> env = new HashMap<>(who.env());
        env.putAll(extra);
        return new GitCli(env).git(work, args);
    }

    /** Fetches everything from origin (branches, tags). */
    public HandClone fetch() {
        git("fetch", "-q", "--tags", "--force", "origin", "+refs/heads/*:refs/remotes/origin/*").ok();
        return this;
    }

    /**
     * Commits on {@code branch} (starting from origin's): files set (null content deletes), an
     * empty commit if there are none.
     *
     * @param sign whether to sign with the person's key ({@code -S}), or not at all
     * @return the commit id
     */
    public String commit(String branch, Map<String, String> files, String message, boolean sign, Map<String, String> env)
            throws IOException {
        fetch();
        boolean remote = git("rev-parse", "-q", "--verify", "refs/remotes/origin/" + branch).exitCode() == 0;
        git("checkout", "-q", "-B", branch, remote ? "origin/" + branch : "HEAD").ok();
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = work.resolve(f.getKey());
            if (f.getValue() == null) {
                git("rm", "-q", f.getKey()).ok();
            } else {
                Files.createDirectories(file.getParent());
                Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
                git("add", f.getKey()).ok();
            }
        }
        List<String> args = new ArrayList<>(List.of("-c", "commit.gpgsign=false", "commit", "-q", "--allow-empty", "-m", message));
        if (sign) {
            args.add("-S");
        }
        git(env, args.toArray(String[]::new)).ok();
        return git("rev-parse", "HEAD").ok().stdout().trim();
    }

    public String commit(String branch, Map<String, String> files, String message, boolean sign) throws IOException {
        return commit(branch, files, message, sign, Map.of());
    }

    /** Pushes {@code refspecs} to origin; the result says whether it was accepted. */
    public GitCli.Result push(String... refspecs) {
        List<String> args = new ArrayList<>(List.of("push", "--porcelain", "origin"));
        args.addAll(List.of(refspecs));
        return git(args.toArray(String[]::new));
    }

    /** What {@code file} holds on {@code ref}. */
    public String show(String ref, String file) {
        return git("show", ref + ":" + file).ok().stdout();
    }

    /** The stage file git-model writes for a single-slot stage. */
    public static String stageFile(String model, String stage, int version, String action, String by) {
        return "model: " + model + "\nstage: " + stage + "\nversion: " + version + "\naction: " + action + "\nreason: by hand\n"
                + "by: " + by + "\nat: '2026-03-14T12:00:00Z'\n";
    }

    /** The message of a git-model stage change (trailers included), as a forger would write it. */
    public static String stageMessage(String action, String stage, String model, int version, int previous) {
        return action + " " + model + "@v" + version + " to " + stage + "\n\nby hand\n\nAction: " + action + "\nStage: " + stage
                + "\nModel: " + model + "\nVersion: " + version + "\nPrevious-Version: " + (previous == 0 ? "none" : previous)
                + "\nReason: by hand\n";
    }

    /** The message of an approval of {@code change}. */
    public static String approvalMessage(String change, String stage) {
        return "approve\n\nlooks good\n\nApproves: " + change + "\nStage: " + stage + "\n";
    }
}
