package io.gitmodel.cli;

import java.io.PrintWriter;

/** What the quickstart suggests trying next, as commands that work from where it was run. */
final class NextSteps {
    private static final String PREDICT = "curl -s localhost:8080/predict"
            + " -d '{\"log_amount\": 4.2, \"night\": 1, \"merchant_risk\": 0.9, \"velocity\": 3, \"foreign\": 1}'";

    private NextSteps() {
    }

    /**
     * The demo, each part as typed into a shell.
     *
     * @param where    the demo registry
     * @param launcher the command that runs git-model
     * @param leeKey   lee's private key, or null in an unsigned demo
     * @param run      the examples' run script, or null where they did not train the demo
     * @param teamFlow the examples' team flow script, or null likewise
     */
    record Demo(String where, String launcher, String leeKey, String run, String teamFlow) {
    }

    static void print(PrintWriter out, Demo demo) {
        String where = demo.where();
        String gm = demo.launcher() + " -C " + where;
        out.println();
        out.println("The registry is an ordinary Git repository; git log is the audit trail. Try:");
        out.println("  git -C " + where + " log --oneline --decorate --all");
        out.println("  git -C " + where + " log stages/production -- fraud.yaml");
        if (demo.leeKey() != null) {
            out.println("  git -C " + where + " verify-commit stages/production");
        }
        out.println("  " + gm + " diff fraud@v1 fraud@v2");
        out.println("  " + gm + " get fraud@production -o fraud-production");
        out.println();
        if (demo.run() == null) {
            out.println("Put fraud@v2 back in production through review" + (demo.leeKey() == null ? ":" : ", approving as lee:"));
            release(out, gm, "fraud@v2", "false positives fixed", demo.leeKey());
            out.println();
            out.println("The example programs (a Tribuo training job, an ONNX serving program that follows production, a"
                    + " team flow over a shared remote) are in examples/ of the source repository.");
            return;
        }
        out.println("Serve production, then release a third version through review and watch the server switch"
                + " (README: \"From training job to production\"):");
        out.println("  " + demo.run() + " OnnxServingProgram " + where + " --port 8080 --pull-every 5 &");
        out.println("  " + PREDICT);
        out.println("  " + demo.run() + " TribuoTrainingJob " + where + " --epochs 30     # registers fraud@v3");
        out.println("  " + gm + " promote fraud@v3 staging -m \"offline evaluation passed\"");
        release(out, gm, "fraud@v3", "more epochs", demo.leeKey());
        out.println("  curl -s localhost:8080/health     # fraud@v3 within 5 s; then: kill %1");
        out.println("  " + demo.teamFlow() + "     # a team with a shared remote and a clone each");
    }

    /** Production through a request that lee approves, or a plain promotion in an unsigned demo. */
    private static void release(PrintWriter out, String gm, String ref, String reason, String leeKey) {
        if (leeKey == null) {
            out.println("  " + gm + " promote " + ref + " production -m \"" + reason + "\"");
            return;
        }
        out.println("  " + gm + " request " + ref + " production -m \"" + reason + "\"");
        out.println("  GIT_AUTHOR_NAME=" + DemoRegistry.LEE.name() + " GIT_AUTHOR_EMAIL=" + DemoRegistry.LEE.email() + " " + gm
                + " approve " + ref + ":production --signing-key " + leeKey + " -m \"checked\"");
        out.println("  " + gm + " merge " + ref + ":production -m \"approved by lee\"");
    }
}
