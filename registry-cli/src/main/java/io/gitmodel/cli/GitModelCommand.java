package io.gitmodel.cli;

import io.gitmodel.registry.Registry;
import io.gitmodel.registry.errors.RegistryException;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root {@code git-model} command: global options and the list of subcommands. */
@Command(name = "git-model",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        // the first line is also the man page's NAME line (whatis), so it stays one short sentence
        description = {"A model registry whose whole state is an ordinary Git repository.", "Each model version is a tagged "
            + "commit of its metadata with Git LFS pointers to its artifacts; each stage (staging, production, ...) is a "
            + "branch of signed commits. References: fraud@v3 (version 3), fraud@latest (the newest), fraud@production "
            + "(what the stage holds now), fraud@production~2026-03-14T10:00Z (what it held then).", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Success.",
            "1:Error (one line on stderr says what went wrong).",
            "2:Usage error: bad option, argument, name or reference."},
        footerHeading = "%nNotes:%n",
        footer = {"The registry is the one given with -C, else $GIT_MODEL_REGISTRY, else the Git repository "
            + "around the current directory. Run 'git-model <command> --help' for a command's options; "
            + "'man git-model-<command>' shows the same as a manual page, and 'git model --help' this one."},
        subcommands = {
            InitCmd.class, RegisterCmd.class, ImportCmd.class, ListCmd.class, VersionsCmd.class, ShowCmd.class, SearchCmd.class, DiffCmd.class, CompareCmd.class, LineageCmd.class, WhereUsedCmd.class, SiteCmd.class, GetCmd.class,
            ResolveCmd.class, PromoteCmd.class, DemoteCmd.class, RollbackCmd.class, ArchiveCmd.class, RestoreCmd.class,
            ReleaseCmd.class, DeleteCmd.class, StatusCmd.class, HistoryCmd.class, LogCmd.class, CloneCmd.class, RemoteCmd.class,
            PushCmd.class, PullCmd.class, FetchCmd.class, RequestCmd.class, ApproveCmd.class, MergeCmd.class,
            RequestsCmd.class, SignersCmd.class, PolicyCmd.class, VerifyCmd.class, InstallHookCmd.class,
            QuickstartCmd.class, VersionCmd.class,
            HelpCommand.class})
final class GitModelCommand implements Runnable {
    final Context context;

    @Option(names = {"-C", "--registry"}, paramLabel = "<registry>", scope = ScopeType.INHERIT,
            description = "The registry directory (default: $GIT_MODEL_REGISTRY, else the repository around the current directory).")
    String registry;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Print only what the command produces: no progress, no notes.")
    boolean quiet;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Log details and print stack traces on errors.")
    boolean debug;

    @Option(names = "--unverified", scope = ScopeType.INHERIT,
            description = "Forensics only: answer reads that name a stage (resolve fraud@production, get, status, ...) even when "
                + "the stage change they answer from breaks the policy (unsigned, unknown or revoked signer, a rule broken), "
                + "with a warning on stderr instead of an error. Never use it to pick what to serve.")
    boolean unverified;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    GitModelCommand(Context context) {
        this.context = context;
    }

    /**
     * The command as the shell runs it (the process's environment and working directory): what
     * picocli's build-time generators (man pages, completion script) instantiate.
     */
    GitModelCommand() {
        this(new Context(System.getenv(), Path.of("").toAbsolutePath()));
    }

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** The registry directory chosen by -C, GIT_MODEL_REGISTRY or the working directory. */
    Path registryDirectory() {
        if (registry != null) {
            return context.resolve(registry);
        }
        String env = context.env().get("GIT_MODEL_REGISTRY");
        if (env != null && !env.isBlank()) {
            return context.resolve(env);
        }
        return context.workingDirectory();
    }

    /** Opens the chosen registry. */
    Registry openRegistry() throws RegistryException {
        configureLogging();
        return Registry.open(registryDirectory(), Configs.forCli(context, unverified));
    }

    /** Applies --debug and --quiet to the logging level (see {@link CliLogging}). */
    void configureLogging() {
        org.slf4j.ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (LogbackDebug.isBinding(factory)) {
            LogbackDebug.levels(factory, debug, quiet);
        } else {
            CliLogging.configure(debug, quiet);
        }
    }
}
