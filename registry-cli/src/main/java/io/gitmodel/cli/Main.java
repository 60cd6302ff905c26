package io.gitmodel.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/** Entry point of the {@code git-model} command. */
public final class Main {
    static {
        // before anything logs: SLF4J takes the command line's own binding (no back end unless --debug)
        if (System.getProperty(CliLogging.PROVIDER_PROPERTY) == null) {
            System.setProperty(CliLogging.PROVIDER_PROPERTY, CliLogging.class.getName());
        }
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "WARN"); // not "Attempting to load provider ..."
        }
    }

    private Main() {
    }

    /** The process's stderr at this moment (tests and embedders may replace it): where log lines go. */
    static java.io.PrintStream processStderr() {
        return System.err;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        // JGit reads its own user-level files (~/.gitconfig behind the repository config, ~/.config/jgit)
        // from the JVM's user.home; git uses $HOME. And it would run git twice to find the system-wide
        // file. This process is git-model: make JGit agree with git, without running git each time.
        io.gitmodel.registry.Registry.adoptGitEnvironment(System.getenv());
        int code = run(out, err, System.getenv(), Path.of("").toAbsolutePath(), args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs git-model as the shell would, with the process environment and working directory. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, System.getenv(), Path.of("").toAbsolutePath(), args);
    }

    /** Runs git-model with an explicit environment and working directory (for tests and embedding). */
    public static int run(PrintWriter out, PrintWriter err, Map<String, String> env, Path workingDirectory, String... args) {
        GitModelCommand root = new GitModelCommand(new Context(env, workingDirectory));
        CommandLine cli = CommandLines.forArgs(root, args);
        cli.setOut(out);
        cli.setErr(err);
        Errors.install(cli);
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
