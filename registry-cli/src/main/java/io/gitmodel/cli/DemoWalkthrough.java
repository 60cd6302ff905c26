package io.gitmodel.cli;

import io.gitmodel.registry.ModelEvent;
import io.gitmodel.registry.PromotionRequest;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.StageChange;
import io.gitmodel.registry.StageChangeCommand;
import io.gitmodel.registry.errors.RegistryException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The quickstart's story, printed as the commands each person would type: dana trains and registers
 * two versions, puts them in staging and requests production, lee approves, dana merges; then a
 * rollback, and the reads that show what happened. Stage changes go through the library so that
 * they carry the demo's clock; reads run the real commands.
 */
final class DemoWalkthrough {
    private static final String STAGING = "staging";
    private static final String PRODUCTION = "production";

    private final DemoRegistry team;
    private final Registry dana;
    private final Path target;
    private final String where;
    private final DemoClock clock;
    private final PrintWriter out;
    private final Consumer<String[]> read;

    /**
     * @param where the registry directory as the user would type it
     * @param read  runs a read-only git-model command on the demo registry, printing its output
     */
    DemoWalkthrough(DemoRegistry team, Registry dana, Path target, String where, DemoClock clock, PrintWriter out,
            Consumer<String[]> read) {
        this.team = team;
        this.dana = dana;
        this.target = target;
        this.where = where;
        this.clock = clock;
        this.out = out;
        this.read = read;
    }

    void run(DemoTraining training) throws RegistryException {
        train(training, 1);
        clock.advanceHours(20);
        train(training, 2);
        read("diff", "fraud@v1", "fraud@v2");
        clock.advanceHours(2);
        stage(dana.promote("fraud@v1", STAGING), "promote fraud@v1 staging", "offline evaluation passed");
        StageChange live = toProduction("fraud@v1", "first release", "holdout metrics checked");
        clock.advanceHours(24);
        stage(dana.promote("fraud@v2", STAGING), "promote fraud@v2 staging", "beats v1 on auc");
        toProduction("fraud@v2", "better auc on the holdout set", "auc up, same features");
        clock.advanceHours(3);
        stage(dana.rollback("fraud", PRODUCTION), "rollback fraud production", "false positives up in v2");
        read("status");
        read("history", "fraud");
        Instant past = live.event().at().plusSeconds(3600);
        read("status", "--at", past.toString());
        read("show", "fraud@production");
        read("verify");
    }

    private void train(DemoTraining training, int n) throws RegistryException {
        DemoTraining.Run run = training.train(dana, n, where);
        command("dana$ " + run.command());
        out.println(run.output());
    }

    /** Production takes a version through a request that lee approves, where the team is signed. */
    private StageChange toProduction(String ref, String reason, String review) throws RegistryException {
        if (!team.withApprovals()) {
            return stage(dana.promote(ref, PRODUCTION), "promote " + ref + " " + PRODUCTION, reason);
        }
        String request = ref + ":" + PRODUCTION;
        gitModel("dana", "request " + ref + " " + PRODUCTION + " -m \"" + reason + "\"");
        PromotionRequest made = dana.request(ref, PRODUCTION).reason(reason).call();
        out.println(RequestCmd.describe(made));
        clock.advanceHours(1);
        try (Registry lee = team.openAsLee(target)) {
            gitModel("lee", "approve " + request + " -m \"" + review + "\"");
            PromotionRequest approved = lee.approve(request).comment(review).signingKey(team.leeKey().toString()).call();
            out.println(ApproveCmd.describe(approved));
        }
        gitModel("dana", "merge " + request + " -m \"approved by lee\"");
        StageChange merged = dana.merge(request).comment("approved by lee").call();
        for (ModelEvent e : merged.events()) {
            out.println(MergeCmd.describe(made.name(), e));
        }
        clock.advanceHours(1);
        return merged;
    }

    private StageChange stage(StageChangeCommand<?> command, String shown, String reason) throws RegistryException {
        gitModel("dana", shown + " -m \"" + reason + "\"");
        StageChange change = command.reason(reason).call();
        change.events().forEach(e -> out.println(StageCmd.describe(e)));
        clock.advanceHours(1);
        return change;
    }

    private void gitModel(String who, String args) {
        command(who + "$ git-model -C " + where + " " + args);
    }

    private void read(String... args) {
        command("$ git-model -C " + where + " " + String.join(" ", args));
        read.accept(args);
    }

    private void command(String line) {
        out.println();
        out.println(line);
        out.flush();
    }
}
