package io.gitmodel.cli;

import io.gitmodel.registry.Registry;
import io.gitmodel.registry.errors.RegistryException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "install-hook", header = "Guard a shared registry: verify every push before it is accepted.",
        mixinStandardHelpOptions = true,
        description = {"Install the pre-receive hook of the registry the team pushes to (a bare repository on the "
            + "server, or shared on a file system). git runs it on every push, before any ref moves: it runs "
            + "git-model verify --pre-receive, which rejects a push that breaks registry.yaml, whoever pushes and with "
            + "whatever client, and tells the pusher why (remote: git-model: ...). Version tags can then never move or "
            + "go, stage and registry history never be rewritten, and every stage change must be signed by an allowed "
            + "signer with its approvals. Requests and approvals are accepted: a request is judged when it is merged.",
            "",
            "The hook runs this git-model again: through the launcher it was started with (bin/git-model), else with "
            + "this Java and jar. Use --command to name another, e.g. a git-model installed on the server. A forge that "
            + "runs no custom hooks needs branch protection instead; verify on a clone then audits."})
final class InstallHookCmd extends BaseCmd {
    @Parameters(index = "0", paramLabel = "<bare-repo>", description = "The shared registry's repository.")
    String repository;

    @Option(names = "--command", paramLabel = "<command>", description = "The git-model the hook runs (default: this one).")
    String command;

    @Option(names = "--force", description = "Replace a pre-receive hook that git-model did not install.")
    boolean force;

    @Override
    void run() throws RegistryException {
        List<String> run = new ArrayList<>(command != null ? List.of(command) : self());
        run.add("verify");
        run.add("--pre-receive");
        Path hook = Registry.installHook(root.context.resolve(repository)).command(run).force(force).call();
        out().println(hook);
        note("Every push into " + root.context.resolve(repository) + " is now verified against its registry.yaml by: "
                + String.join(" ", run));
    }

    /** How to run this git-model again: the launcher, else this JVM with this jar (or class path). */
    private List<String> self() {
        String launcher = root.context.env().get("GIT_MODEL_LAUNCHER");
        if (launcher != null && !launcher.isBlank()) {
            Path path = root.context.resolve(launcher);
            if (Files.isExecutable(path)) {
                return List.of(path.toString());
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            Path code = Path.of(InstallHookCmd.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(code)) {
                return List.of(java, "-XX:+UseSerialGC", "-Xshare:auto", "-jar", code.toString());
            }
        } catch (URISyntaxException | SecurityException e) {
            // fall through to the class path
        }
        return List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName());
    }
}
