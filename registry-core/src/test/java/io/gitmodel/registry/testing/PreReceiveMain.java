package io.gitmodel.registry.testing;

import io.gitmodel.registry.Finding;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.RegistryConfig;
import io.gitmodel.registry.VerifyPushCommand;
import io.gitmodel.registry.VerifyReport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A pre-receive hook for library tests: what {@code git-model verify --pre-receive} does, without the CLI. */
public final class PreReceiveMain {
    private PreReceiveMain() {
    }

    public static void main(String[] args) throws Exception {
        Path gitDir = Path.of(System.getenv().getOrDefault("GIT_DIR", ".")).toAbsolutePath();
        VerifyPushCommand check = Registry.verifyPush(gitDir)
                .config(RegistryConfig.builder().environment(System.getenv()).captureSource(false).build());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] parts = line.trim().split(" ");
            check.update(parts[2], parts[0], parts[1]);
        }
        VerifyReport report = check.call();
        for (Finding f : report.findings()) {
            System.err.println("git-model: " + f);
        }
        System.exit(report.ok() ? 0 : 1);
    }
}
