package io.gitmodel.registry.testing;

import io.gitmodel.registry.Registry;
import io.gitmodel.registry.errors.RegistryException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A registry governed by a team of real git users with their own SSH keys, on the real clock:
 * ada (admin), bo (ml-lead), cy (risk), dan (data scientist) are principals; mallory has a key but
 * is not in the policy. Production needs staging first, two approvals by ml-lead or risk, changes
 * signed by admin, ml-lead or ds, and {@code metrics.auc >= 0.9}.
 *
 * <p>State: fraud v1 (auc 0.93) in staging and, through a request approved by bo and cy and
 * merged by dan, in production; fraud v2 (auc 0.95) in staging; fraud v3 (auc 0.80) registered.
 */
public final class GovernedRegistry {
    public final Team.Member ada;
    public final Team.Member bo;
    public final Team.Member cy;
    public final Team.Member dan;
    public final Team.Member mallory;
    public final Path server;
    private final TestEnv env;
    private final AtomicInteger clones = new AtomicInteger();

    private GovernedRegistry(TestEnv env, Team team, Path server) throws IOException, InterruptedException {
        this.env = env;
        this.server = server;
        ada = team.ssh("ada");
        bo = team.ssh("bo");
        cy = team.ssh("cy");
        dan = team.ssh("dan");
        mallory = team.ssh("mallory");
    }

    /** Creates the registry, bare, at {@code env.dir()/server.git}. */
    public static GovernedRegistry create(TestEnv env) throws Exception {
        GovernedRegistry g = new GovernedRegistry(env, new Team(env, Clock.systemUTC()), env.dir().resolve("server.git"));
        g.build();
        return g;
    }

    private void build() throws Exception {
        try (Registry r = Registry.init(server).bare(true).config(ada.config()).call()) {
            r.addSigner("bo", bo.publicKey()).role("ml-lead").reason("reviewer").call();
            r.addSigner("cy", cy.publicKey()).role("risk").reason("risk officer").call();
            r.addSigner("dan", dan.publicKey()).role("ds").reason("data scientist").call();
            String yaml = ada.git().git(server, "show", r.branch() + ":registry.yaml").ok().stdout();
            r.setPolicy(governed(yaml)).reason("two approvals and an auc gate for production").call();
        }
        // git dates have whole seconds: a change in the second of a policy change may be judged under either
        // policy (which came first cannot be told); the team's work, and the attacks on it, come after
        Thread.sleep(1100);
        try (Registry r = dan.open(server)) {
            r.register("fraud").metric("auc", 0.93).call();
            r.register("fraud").metric("auc", 0.95).call();
            r.register("fraud").metric("auc", 0.80).call();
            r.promote("fraud@v1", "staging").reason("offline eval").call();
            r.promote("fraud@v2", "staging").reason("offline eval").call();
            r.request("fraud@v1", "production").reason("go live").call();
        }
        approve("fraud@v1:production", bo, cy);
        try (Registry r = dan.open(server)) {
            r.merge("fraud@v1:production").call();
        }
    }

    /** The policy: production requires staging, 2 approvals by ml-lead or risk, signers admin/ml-lead/ds, auc gate. */
    public static String governed(String registryYaml) {
        String replaced = registryYaml.replaceFirst("(?m)^(\\s+)approvals: 0$", "$1approvals: 2\n$1signers: [admin, ml-lead, ds]"
                + "\n$1approvers: [ml-lead, risk]").replaceFirst("(?m)^(\\s+)gates: \\[\\]$", "$1gates: ['metrics.auc >= 0.9']");
        if (replaced.equals(registryYaml) || !replaced.contains("metrics.auc")) {
            throw new AssertionError("registry.yaml has an unexpected layout:\n" + registryYaml);
        }
        return replaced;
    }

    /** Each reviewer approves the request with git-model. */
    public void approve(String request, Team.Member... reviewers) throws RegistryException {
        for (Team.Member reviewer : reviewers) {
            try (Registry r = reviewer.open(server)) {
                r.approve(request).call();
            }
        }
    }

    /** Installs the pre-receive hook, running {@link PreReceiveMain} (the library's push check) in a child JVM. */
    public java.nio.file.Path installHook() throws Exception {
        return Registry.installHook(server).command(java.util.List.of(java.nio.file.Path.of(System.getProperty("java.home"),
                "bin", "java").toString(), "-XX:TieredStopAtLevel=1", "-cp", ChildJvm.classpath(),
                PreReceiveMain.class.getName())).call();
    }

    public String url() {
        return server.toUri().toString();
    }

    /** A fresh plain git clone of the server as {@code who}. */
    public HandClone clone(Team.Member who) {
        return HandClone.of(who, url(), env.dir().resolve("clone-" + who.name() + "-" + clones.incrementAndGet()));
    }

    /** Runs git in the server repository. */
    public GitCli.Result git(String... args) {
        return ada.git().git(server, args);
    }
}
