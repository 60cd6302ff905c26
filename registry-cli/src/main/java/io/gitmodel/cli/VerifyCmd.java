package io.gitmodel.cli;

import io.gitmodel.registry.Finding;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.VerifyPushCommand;
import io.gitmodel.registry.VerifyReport;
import io.gitmodel.registry.errors.InvalidInputException;
import io.gitmodel.registry.errors.RegistryException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify", header = "Check the whole registry, or an incoming push, against registry.yaml.",
        mixinStandardHelpOptions = true,
        description = {"Check the whole registry over its whole history against its policy, from the repository alone: "
            + "every change of registry.yaml signed by an admin of the policy it replaced; every stage commit a valid "
            + "git-model change under the policy in force when it was made (signed by a signer of the stage, approvals "
            + "through a merged request that count, the required stage first, gates met, trailers that match the "
            + "change); version tags on their registration commits; versions unchanged since registration; pointer files "
            + "agreeing with model.yaml; artifacts present with their sha256; no stage or registry history rewritten since "
            + "the last verify here.",
            "",
            "Prints one line per violation: <ref> <commit> [<model@vN>] [<rule>] <what is wrong and what to do>, and a "
            + "summary on stderr. Exit 0 if there is none, 1 if there is any. --json prints {ok, findings: [{ref, commit, "
            + "model, version, rule, message}], checked: {stage_commits, policy_changes, versions, artifacts, "
            + "artifact_bytes}}.",
            "",
            "--pre-receive is what a server's pre-receive hook runs (git-model install-hook): it reads the pushed ref "
            + "updates (\"<old-id> <new-id> <ref>\" lines) from standard input, judges the repository as it would be "
            + "after the push, and rejects the whole push (exit 1) with the reasons if the push moves or deletes a "
            + "version tag, rewrites or deletes the registry branch or a stage branch, adds a stage commit that breaks "
            + "the policy or a change of registry.yaml not signed by an admin. Request branches and approvals are "
            + "accepted: a request is judged when it is merged."})
final class VerifyCmd extends BaseCmd {
    @Option(names = "--no-artifacts", description = "Do not hash the artifacts (their pointers are still checked).")
    boolean noArtifacts;

    @Option(names = "--pre-receive", description = "Judge the push git describes on standard input (in a pre-receive hook).")
    boolean preReceive;

    @Mixin
    OutputOptions output;

    @Override
    void run() throws RegistryException {
        if (preReceive) {
            preReceive();
            return;
        }
        try (Registry registry = root.openRegistry()) {
            VerifyReport report = registry.verify().artifacts(!noArtifacts)
                    .progress(ProgressBar.forTerminal(err(), root.quiet)).call();
            exitCode = report.ok() ? ExitCodes.OK : ExitCodes.ERROR;
            if (output.print(out(), document(report))) {
                return;
            }
            report.findings().forEach(f -> out().println(f));
            note((report.ok() ? "No violations" : report.findings().size() + " violation(s)") + " of registry.yaml: checked "
                    + report.stageCommits() + " stage commit(s), " + report.policyChanges() + " change(s) of registry.yaml, "
                    + report.versions() + " version(s)" + (noArtifacts ? " (artifacts not hashed)"
                            : ", " + report.artifacts() + " artifact(s) (" + Sizes.human(report.artifactBytes()) + " hashed)"));
        }
    }

    /** In a pre-receive hook: git's GIT_DIR (or the working directory, which git sets to the repository). */
    private void preReceive() throws RegistryException {
        String gitDir = root.context.env().get("GIT_DIR");
        Path dir = gitDir == null ? root.registryDirectory() : root.context.resolve(gitDir);
        VerifyPushCommand check = Registry.verifyPush(dir).config(Configs.forCli(root.context));
        int updates = 0;
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(root.context.in(), StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.strip().split(" ");
                if (parts.length != 3) {
                    throw new InvalidInputException("verify --pre-receive reads \"<old-id> <new-id> <ref>\" lines, as git gives"
                            + " them to a pre-receive hook; got \"" + line + "\"");
                }
                check.update(parts[2], parts[0], parts[1]);
                updates++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pushed refs from standard input", e);
        }
        if (updates == 0) {
            return;
        }
        VerifyReport report = check.call();
        if (report.ok()) {
            return;
        }
        for (Finding f : report.findings()) {
            err().println("git-model: " + f);
        }
        err().println("git-model: push rejected: " + report.findings().size() + " violation(s) of registry.yaml; no ref was"
                + " changed");
        exitCode = ExitCodes.ERROR;
    }

    private static Map<String, Object> document(VerifyReport report) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("ok", report.ok());
        List<Map<String, Object>> findings = report.findings().stream().map(VerifyCmd::finding).toList();
        doc.put("findings", findings);
        Map<String, Object> checked = new LinkedHashMap<>();
        checked.put("stage_commits", report.stageCommits());
        checked.put("policy_changes", report.policyChanges());
        checked.put("versions", report.versions());
        checked.put("artifacts", report.artifacts());
        checked.put("artifact_bytes", report.artifactBytes());
        doc.put("checked", checked);
        return doc;
    }

    static Map<String, Object> finding(Finding f) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("ref", f.ref());
        doc.put("commit", f.commit());
        doc.put("model", f.model() == null ? null : f.model().value());
        doc.put("version", f.version());
        doc.put("rule", f.rule());
        doc.put("message", f.message());
        return doc;
    }
}
