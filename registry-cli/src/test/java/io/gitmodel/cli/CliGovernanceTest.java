package io.gitmodel.cli;

import static io.gitmodel.cli.CliLifecycleSupport.column;
import static io.gitmodel.cli.CliLifecycleSupport.jsonObjects;
import static io.gitmodel.cli.CliLifecycleSupport.table;
import static io.gitmodel.cli.CliTeamSupport.afterTable;
import static io.gitmodel.cli.CliTeamSupport.assertOut;
import static io.gitmodel.cli.CliTeamSupport.requireApprovals;
import static io.gitmodel.cli.CliTeamSupport.ssh;
import static io.gitmodel.cli.CliTeamSupport.tablePart;
import static io.gitmodel.cli.CliTestSupport.asList;
import static io.gitmodel.cli.CliTestSupport.asMap;
import static io.gitmodel.cli.CliTestSupport.fileAt;
import static io.gitmodel.cli.CliTestSupport.revParse;
import static io.gitmodel.cli.CliTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.cli.CliTeamSupport.Person;
import io.gitmodel.cli.CliTestSupport.Cli;
import io.gitmodel.cli.CliTestSupport.Json;
import io.gitmodel.cli.CliTestSupport.Result;
import io.gitmodel.registry.testing.GitCli;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.Team;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The governance commands as a team uses them, each person a real git user with their own HOME and
 * SSH key (made by ssh-keygen): ada made the registry (its first admin) and added bo (ml-lead), cy
 * (risk) and dan (ds, a data scientist). What each person sees on stdout and stderr, and the exit
 * codes, are the contract.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@IsolatedGit
class CliGovernanceTest {
    private static final String[] SIGNERS = {"PRINCIPAL", "ROLES", "FORMAT", "FINGERPRINT", "REVOKED"};
    private static final String[] REQUESTS = {"REQUEST", "REQUESTED BY", "APPROVALS", "APPROVED BY", "STATE"};

    private Cli cli;
    private Team team;
    private Path reg;
    private Person ada;
    private Person bo;
    private Person cy;
    private Person dan;

    @BeforeAll
    static void requireTools() {
        Assumptions.assumeTrue(GitCli.hasGit(), "git is not installed");
        Assumptions.assumeTrue(TestEnv.hasSshKeygen(), "ssh-keygen is not installed");
    }

    @BeforeEach
    void team(TestEnv env) {
        cli = new Cli(env);
        team = CliTeamSupport.team(env);
        reg = cli.work.resolve("reg");
        ada = ssh(team, cli, "ada", reg);
        bo = ssh(team, cli, "bo", reg);
        cy = ssh(team, cli, "cy", reg);
        dan = ssh(team, cli, "dan", reg);
        ada.runAnywhere("init", reg.toString()).ok();
        ada.run("signers", "add", "bo", bo.publicKey().toString(), "--role", "ml-lead", "-m", "reviewer").ok();
        ada.run("signers", "add", "cy", cy.publicKey().toString(), "--role", "risk", "-m", "risk officer").ok();
        ada.run("signers", "add", "dan", dan.publicKey().toString(), "--role", "ds", "-m", "data scientist").ok();
    }

    /** ada sets the policy: production needs two approvals by ml-lead or risk; fraud@v1 is in staging. */
    private void twoApprovalsAndFraudInStaging() {
        Path file = write(cli.work.resolve("registry.yaml"), requireApprovals(fileAt(reg, "main", "registry.yaml"), 2));
        ada.run("policy", "set", file.toString(), "-m", "two approvals for production").ok();
        dan.run("register", "fraud", "--metric", "auc=0.93", "--no-source", "--no-artifacts").ok();
        dan.run("promote", "fraud@v1", "staging", "-m", "offline eval passed").ok();
    }

    // ---------------------------------------------------------------- signers

    @Test
    void signersAddPrintsThePrincipalRolesAndTheKeyFingerprintSshKeygenPrints() {
        Person eve = ssh(team, cli, "eve", reg);
        Result added = ada.run("signers", "add", "eve@example.com", eve.publicKey().toString(), "--role", "ml-lead", "--role", "risk",
                "-m", "new reviewer").ok();
        assertOut(added, "added signer eve@example.com (ml-lead, risk): ssh key " + eve.fingerprint());
        assertTrue(added.err().matches("Policy commit [0-9a-f]{12} on main\\R"), added::toString);
        assertEquals(revParse(reg, "main").substring(0, 12), added.err().substring("Policy commit ".length(),
                "Policy commit ".length() + 12), "the note names the commit on the registry branch");

        Result again = ada.run("signers", "add", "eve@example.com", eve.publicKey().toString(), "--role", "ds").ok();
        assertOut(again, "added signer eve@example.com (ml-lead, risk, ds): its key was already trusted");
        assertTrue(fileAt(reg, "main", "registry.yaml").contains("eve@example.com"), "registry.yaml on the branch names eve");
    }

    @Test
    void signersListShowsOneRowPerKeyAndJsonTheSameData() {
        List<Map<String, String>> rows = table(ada.run("signers", "list").ok(), SIGNERS);
        assertEquals(List.of(
                row("ada@example.com", "admin", "ssh", ada.fingerprint(), ""),
                row("bo", "ml-lead", "ssh", bo.fingerprint(), ""),
                row("cy", "risk", "ssh", cy.fingerprint(), ""),
                row("dan", "ds", "ssh", dan.fingerprint(), "")), rows);

        List<Map<String, Object>> json = jsonObjects(dan.run("signers", "list", "--json").ok());
        assertEquals(List.of("ada@example.com", "bo", "cy", "dan"), column(json, "name"));
        Map<String, Object> boJson = json.get(1);
        assertEquals(List.of("name", "roles", "keys"), List.copyOf(boJson.keySet()));
        assertEquals(List.of("ml-lead"), boJson.get("roles"));
        Map<String, Object> key = asMap(asList(boJson.get("keys")).get(0));
        assertEquals(List.of("format", "fingerprint", "revoked", "public_key"), List.copyOf(key.keySet()));
        assertEquals("ssh", key.get("format"));
        assertEquals(bo.fingerprint(), key.get("fingerprint"));
        assertNull(key.get("revoked"));
        assertTrue(((String) key.get("public_key")).startsWith("ssh-ed25519 AAAA"), key::toString);
    }

    @Test
    void onlyAnAdminChangesTheTeam() {
        Person mallory = ssh(team, cli, "mallory", reg);
        String before = revParse(reg, "main");
        Result refused = bo.run("signers", "add", "mallory", mallory.publicKey().toString(), "--role", "admin").failsWithError();
        assertTrue(refused.err().contains("only an admin (admin) may change registry.yaml; bo is not one. Nothing was changed"),
                refused::toString);
        assertEquals(before, revParse(reg, "main"), "nothing was written");
        assertFalse(ada.run("signers", "list").ok().out().contains("mallory"));

        Result unknownKey = mallory.run("signers", "remove", "bo").failsWithError();
        assertTrue(unknownKey.err().contains("may change registry.yaml"), unknownKey::toString);
    }

    @Test
    void signersRemoveRevokesTheKeysWithTheTimeAndKeepsThemListed() {
        Result removed = ada.run("signers", "remove", "cy", "-m", "left the team").ok();
        Matcher m = Pattern.compile("removed signer cy: revoked 1 key at (\\S+)").matcher(removed.out().strip());
        assertTrue(m.matches(), removed::toString);
        Instant at = Instant.parse(m.group(1));

        List<Map<String, String>> rows = table(ada.run("signers", "list").ok(), SIGNERS);
        assertEquals(row("cy", "risk", "ssh", cy.fingerprint(), at.toString()), rows.get(2));
        assertEquals("", rows.get(1).get("REVOKED"), "bo is still trusted");
        Map<String, Object> cyKey = asMap(asList(jsonObjects(ada.run("signers", "list", "--json").ok()).get(2).get("keys")).get(0));
        assertEquals(at.toString(), cyKey.get("revoked"));

        Result twice = ada.run("signers", "remove", "cy").failsWithUsage();
        assertTrue(twice.err().contains("cy has no trusted key left to revoke"), twice::toString);
        Result nobody = ada.run("signers", "remove", "nobody").failsWithUsage();
        assertTrue(nobody.err().contains("registry.yaml names no principal nobody; principals: ada@example.com, bo, cy, dan"),
                nobody::toString);
    }

    /** A removed signer's revoked key stays in the allowed-signers file, which JGit and git must still read. */
    @Test
    void afterASignerIsRemovedTheOthersStillSign() {
        ada.run("signers", "remove", "cy", "-m", "left the team").ok();
        dan.run("register", "fraud", "--metric", "auc=0.93", "--no-source", "--no-artifacts").ok();
        assertOut(dan.run("promote", "fraud@v1", "staging", "-m", "eval").ok(), "promoted fraud@v1 to staging");
    }

    @Test
    void signersListOnARegistryWithoutPrincipalsSaysHowToDeclareThem() {
        Path plain = cli.init("plain", "--unsigned");
        Result r = cli.run("-C", plain.toString(), "signers", "list").ok();
        assertEquals("", r.out());
        assertTrue(r.err().contains("registry.yaml names no principals") && r.err().contains("git-model signers add"), r::toString);
        assertEquals(List.of(), Json.parse(cli.run("-C", plain.toString(), "signers", "list", "--json").ok().out()));
    }

    // ---------------------------------------------------------------- policy

    @Test
    void policyShowSaysWhoMayDoWhatOnEachStage() {
        twoApprovalsAndFraudInStaging();
        Result r = dan.run("policy", "show").ok();
        List<String> lines = r.outLines();
        int production = lines.indexOf("production: serving live traffic");
        assertTrue(production > 0, r::toString);
        assertEquals(List.of(
                "  requires:      staging",
                "  approvals:     2",
                "  signed:        yes",
                "  signers:       admin (ada@example.com), ml-lead (bo), ds (dan)",
                "  approvers:     ml-lead (bo), risk (cy)",
                "  gates:         -",
                "  forge_merges:  no"), lines.subList(production + 1, production + 8), r::toString);
        assertEquals("staging: candidates under evaluation", lines.get(0));
        assertTrue(lines.contains("  signers:       anyone with a trusted key (ada@example.com, bo, cy, dan)"), r::toString);
        assertTrue(lines.contains("archived: retired versions, kept forever"), r::toString);
        assertTrue(lines.contains("  multi_valued:  yes (holds several versions per model)"), r::toString);
        assertTrue(lines.contains("admins:          admin (ada@example.com)"), r::toString);
        int principals = lines.indexOf("principals:");
        assertEquals(List.of("  PRINCIPAL        ROLES    KEYS", "  ada@example.com  admin    1 trusted", "  bo               ml-lead  1 trusted",
                "  cy               risk     1 trusted", "  dan              ds       1 trusted"), lines.subList(principals + 1, lines.size()));
    }

    @Test
    void policyShowJsonResolvesRolesToPrincipals() {
        twoApprovalsAndFraudInStaging();
        ada.run("signers", "remove", "cy", "-m", "left").ok();
        Map<String, Object> policy = asMap(Json.parse(dan.run("policy", "show", "--json").ok().out()));
        assertEquals(List.of("stages", "admins", "admin_principals", "allowed_signers", "principals"), List.copyOf(policy.keySet()));
        List<Object> stages = asList(policy.get("stages"));
        assertEquals(List.of("staging", "production", "archived"), stages.stream().map(s -> asMap(s).get("name")).toList());
        Map<String, Object> production = asMap(stages.get(1));
        assertEquals(List.of("name", "description", "requires", "multi_valued", "approvals", "signed", "signers", "signer_principals",
                "approvers", "approver_principals", "gates", "forge_merges"), List.copyOf(production.keySet()));
        assertEquals("staging", production.get("requires"));
        assertEquals(2L, production.get("approvals"));
        assertEquals(true, production.get("signed"));
        assertEquals(List.of("admin", "ml-lead", "ds"), production.get("signers"));
        assertEquals(List.of("ada@example.com", "bo", "dan"), production.get("signer_principals"));
        assertEquals(List.of("ml-lead", "risk"), production.get("approvers"));
        assertEquals(List.of("bo"), production.get("approver_principals"), "cy's key is revoked: cy approves nothing now");
        assertEquals(false, production.get("forge_merges"));
        assertNull(asMap(stages.get(0)).get("requires"));
        assertEquals(List.of("ada@example.com", "bo", "dan"), asMap(stages.get(0)).get("signer_principals"), "empty: anyone trusted");
        assertEquals(List.of("admin"), policy.get("admins"));
        assertEquals(List.of("ada@example.com"), policy.get("admin_principals"));
        assertEquals(List.of("ada@example.com", "bo", "cy", "dan"), asList(policy.get("principals")).stream()
                .map(p -> asMap(p).get("name")).toList());

        List<String> human = dan.run("policy", "show").ok().outLines();
        assertTrue(human.contains("  approvers:     ml-lead (bo), risk (no one)"), human::toString);
        assertTrue(human.contains("  cy               risk     0 trusted, 1 revoked"), human::toString);
    }

    @Test
    void policySetReplacesRegistryYamlAndOnlyAnAdminMaySetIt() {
        String yaml = fileAt(reg, "main", "registry.yaml");
        Path file = write(cli.work.resolve("p.yaml"), requireApprovals(yaml, 3));
        String before = revParse(reg, "main");

        Result refused = bo.run("policy", "set", file.toString(), "-m", "three").failsWithError();
        assertTrue(refused.err().contains("only an admin (admin) may change registry.yaml; bo is not one"), refused::toString);
        assertEquals(before, revParse(reg, "main"));

        Result set = ada.runAnywhere("-C", "reg", "policy", "set", "p.yaml", "-m", "three approvals").ok();
        assertOut(set, "set registry.yaml from p.yaml");
        String stored = fileAt(reg, "main", "registry.yaml");
        assertTrue(stored.contains("approvals: 3") && stored.contains("approvers:"), stored);
        assertNotEquals(before, revParse(reg, "main"), "one commit on the registry branch");
        assertTrue(dan.run("policy", "show").ok().outLines().contains("  approvals:     3"));
    }

    @Test
    void aPolicyThatIsNotValidOrLeavesNoAdminIsRefusedAndChangesNothing() {
        String yaml = fileAt(reg, "main", "registry.yaml");
        String before = revParse(reg, "main");
        Path unknownStage = write(cli.work.resolve("bad.yaml"), yaml.replace("requires: staging", "requires: nowhere"));
        Result bad = ada.run("policy", "set", unknownStage.toString(), "-m", "typo").failsWithUsage();
        assertTrue(bad.err().contains("requires unknown stage 'nowhere'"), bad::toString);
        assertEquals(1, bad.errLines().size(), bad::toString);

        Path noAdmin = write(cli.work.resolve("noadmin.yaml"), yaml.replace("- admin", "- ds"));
        assertTrue(yaml.contains("- admin"), yaml);
        Result orphan = ada.run("policy", "set", noAdmin.toString(), "-m", "oops").failsWithUsage();
        assertTrue(orphan.err().contains("would leave no admin with a trusted key"), orphan::toString);

        Result missing = ada.run("policy", "set", "no-such-file.yaml", "-m", "x").failsWithUsage();
        assertTrue(missing.err().contains("cannot read no-such-file.yaml"), missing::toString);
        Result noReason = ada.run("policy", "set", unknownStage.toString()).failsWithUsage();
        assertTrue(noReason.err().contains("--reason"), noReason::toString);
        assertEquals(before, revParse(reg, "main"), "nothing was written");
    }

    // ---------------------------------------------------------------- requests

    @Test
    void aRequestApprovedByTwoReviewersIsMergedAndServed() {
        twoApprovalsAndFraudInStaging();
        Result requested = dan.run("request", "fraud@v1", "production", "-m", "beats v0 on the holdout").ok();
        assertOut(requested, "requested fraud@v1 into production: requests/production/fraud@v1 (needs 2 approvals)");
        assertTrue(requested.err().contains("git-model approve requests/production/fraud@v1"), requested::toString);
        dan.run("resolve", "fraud@production").failsWithError();

        Result first = bo.run("approve", "fraud@v1:production", "-m", "metrics checked").ok();
        assertOut(first, "approved requests/production/fraud@v1: 1 of 2 approvals (bo); needs 1 more approval");
        List<Map<String, String>> open = table(dan.run("requests").ok(), REQUESTS);
        assertEquals(List.of(row5("requests/production/fraud@v1", "dan", "1/2", "bo", "needs 1 more approval")),
                open);

        Result shortOfOne = dan.run("merge", "fraud@v1:production").failsWithError();
        assertEquals("git-model: error: request requests/production/fraud@v1 has 1 valid approval(s) of 2 needed (bo). Reviewers"
                + " approve it with git-model approve requests/production/fraud@v1", shortOfOne.err().strip());

        Result second = cy.run("approve", "requests/production/fraud@v1").ok();
        assertOut(second, "approved requests/production/fraud@v1: 2 of 2 approvals (bo, cy); ready to merge");
        List<Map<String, String>> ready = table(dan.run("requests").ok(), REQUESTS);
        assertEquals(row5("requests/production/fraud@v1", "dan", "2/2", "bo, cy", "ready to merge"), ready.get(0));

        Map<String, Object> json = jsonObjects(dan.run("requests", "--json").ok()).get(0);
        assertEquals(List.of("name", "model", "version", "ref", "stage", "branch", "commit", "tip", "base", "requester", "requested_by",
                "requested_at", "reason", "approvers", "approvals", "approvals_needed", "approvals_missing", "not_counted", "current",
                "problems", "mergeable"), List.copyOf(json.keySet()));
        assertEquals("requests/production/fraud@v1", json.get("name"));
        assertEquals("fraud@v1", json.get("ref"));
        assertEquals("refs/heads/requests/production/fraud@v1", json.get("branch"));
        assertEquals(revParse(reg, "requests/production/fraud@v1"), json.get("tip"));
        assertEquals(revParse(reg, "stages/production"), json.get("base"));
        assertEquals("dan <dan@example.com>", json.get("requester"));
        assertEquals("dan", json.get("requested_by"));
        assertEquals("beats v0 on the holdout", json.get("reason"));
        assertEquals(List.of("bo", "cy"), json.get("approvers"));
        assertEquals(2L, json.get("approvals"));
        assertEquals(2L, json.get("approvals_needed"));
        assertEquals(0L, json.get("approvals_missing"));
        assertEquals(List.of(), json.get("not_counted"));
        assertEquals(true, json.get("current"));
        assertEquals(List.of(), json.get("problems"));
        assertEquals(true, json.get("mergeable"));

        Result merged = dan.run("merge", "fraud@v1:production", "-m", "ship it").ok();
        assertOut(merged, "merged requests/production/fraud@v1: promoted fraud@v1 to production; approved by bo, cy");
        assertTrue(merged.err().matches("Stage commit [0-9a-f]{12} on stages/production \\(good ssh dan\\)\\R"), merged::toString);
        assertOut(dan.run("resolve", "fraud@production").ok(), "fraud@v1");
        assertNull(revParse(reg, "refs/heads/requests/production/fraud@v1"), "the merged request's branch is gone");

        Result none = dan.run("requests").ok();
        assertEquals("", none.out());
        assertTrue(none.err().contains("No open promotion requests"), none::toString);
        assertEquals(List.of(), Json.parse(dan.run("requests", "--json").ok().out()));
        Map<String, Object> logged = jsonObjects(dan.run("log", "--stage", "production", "--json").ok()).get(0);
        assertEquals(List.of("bo", "cy"), logged.get("approved_by"));
        assertEquals(true, logged.get("valid"));
    }

    @Test
    void theRequesterCannotApproveNoReviewerCountsTwiceAndOnlyApproversApprove() {
        twoApprovalsAndFraudInStaging();
        bo.run("request", "fraud@v1", "production", "-m", "ship it").ok();
        String tip = revParse(reg, "requests/production/fraud@v1");

        Result self = bo.run("approve", "fraud@v1:production").failsWithError();
        assertEquals("git-model: error: bo made request requests/production/fraud@v1 and may not approve it: approvals come from"
                + " others. Nothing was changed", self.err().strip());
        Result notAnApprover = dan.run("approve", "fraud@v1:production").failsWithError();
        assertEquals("git-model: error: dan may not approve requests into production; its approvers are ml-lead, risk. Nothing was"
                + " changed", notAnApprover.err().strip());
        assertEquals(tip, revParse(reg, "requests/production/fraud@v1"), "nothing written");

        cy.run("approve", "fraud@v1:production").ok();
        Result twice = cy.run("approve", "fraud@v1:production").failsWithError();
        assertTrue(twice.err().contains("cy approved request requests/production/fraud@v1 already; each approver counts once"),
                twice::toString);

        Result merge = bo.run("merge", "fraud@v1:production").failsWithError();
        assertTrue(merge.err().contains("has 1 valid approval(s) of 2 needed (cy)"), merge::toString);
        dan.run("resolve", "fraud@production").failsWithError();

        Result unknown = cy.run("approve", "fraud@v9:production").failsWithError();
        assertTrue(unknown.err().contains("no request requests/production/fraud@v9"), unknown::toString);
        Result badName = cy.run("approve", "fraud-production").failsWithUsage();
        assertTrue(badName.err().contains("requests/<stage>/<name>@v<N>"), badName::toString);
    }

    @Test
    void requestsSaysWhichApprovalsDoNotCountAndWhy() {
        twoApprovalsAndFraudInStaging();
        dan.run("request", "fraud@v1", "production", "-m", "ship it").ok();
        bo.run("approve", "fraud@v1:production").ok();
        cy.run("approve", "fraud@v1:production").ok();
        // the policy changes: only risk approves now, so bo's approval no longer counts
        Path file = write(cli.work.resolve("risk-only.yaml"), fileAt(reg, "main", "registry.yaml")
                .replace("approvers: [ml-lead, risk]", "approvers: [risk]").replace("approvers:\n    - ml-lead\n    - risk",
                        "approvers:\n    - risk"));
        ada.run("policy", "set", file.toString(), "-m", "risk approves alone").ok();
        assertEquals(List.of("risk"), asMap(asList(asMap(Json.parse(ada.run("policy", "show", "--json").ok().out()))
                .get("stages")).get(1)).get("approvers"), "the policy changed");

        Result r = dan.run("requests").ok();
        List<Map<String, String>> rows = table(tablePart(r), REQUESTS);
        assertEquals(row5("requests/production/fraud@v1", "dan", "1/2", "cy", "needs 1 more approval"), rows.get(0));
        List<String> details = afterTable(r);
        assertEquals(1, details.size(), r::toString);
        assertTrue(details.get(0).startsWith("requests/production/fraud@v1: not counted: "), r::toString);
        assertTrue(details.get(0).contains("bo may not approve"), r::toString);

        Map<String, Object> json = jsonObjects(dan.run("requests", "--json").ok()).get(0);
        assertEquals(List.of("cy"), json.get("approvers"));
        assertEquals(details.get(0).substring("requests/production/fraud@v1: not counted: ".length()),
                asList(json.get("not_counted")).get(0));
        assertEquals(false, json.get("mergeable"));
    }

    @Test
    void aRequestMadeOnAStageThatMovedIsOutOfDateUntilMadeAgain() {
        twoApprovalsAndFraudInStaging();
        dan.run("register", "fraud", "--metric", "auc=0.95", "--no-source", "--no-artifacts").ok();
        dan.run("promote", "fraud@v2", "staging", "-m", "better").ok();
        dan.run("request", "fraud@v1", "production", "-m", "first").ok();
        dan.run("request", "fraud@v2", "production", "-m", "second").ok();
        for (Person reviewer : List.of(bo, cy)) {
            reviewer.run("approve", "fraud@v1:production").ok();
            reviewer.run("approve", "fraud@v2:production").ok();
        }
        dan.run("merge", "fraud@v1:production").ok();

        List<Map<String, String>> rows = table(dan.run("requests").ok(), REQUESTS);
        assertEquals(row5("requests/production/fraud@v2", "dan", "2/2", "bo, cy", "stage moved since: make it again with --replace"),
                rows.get(0));
        Result stale = dan.run("merge", "fraud@v2:production").failsWithError();
        assertTrue(stale.err().contains("the stage has changed since"), stale::toString);

        Result exists = dan.run("request", "fraud@v2", "production", "-m", "again").failsWithError();
        assertTrue(exists.err().contains("request requests/production/fraud@v2 exists already"), exists::toString);
        Result again = dan.run("request", "fraud@v2", "production", "-m", "second, again", "--replace").ok();
        assertOut(again, "requested fraud@v2 into production: requests/production/fraud@v2 (needs 2 approvals)");
        assertEquals(row5("requests/production/fraud@v2", "dan", "0/2", "", "needs 2 approvals"),
                table(dan.run("requests").ok(), REQUESTS).get(0), "approvals of the old promotion commit do not carry over");
        assertOut(dan.run("resolve", "fraud@production").ok(), "fraud@v1");
    }

    @Test
    void aStageThatNeedsNoApprovalTakesARequestAtOnce() {
        dan.run("register", "fraud", "--metric", "auc=0.93", "--no-source", "--no-artifacts").ok();
        dan.run("promote", "fraud@v1", "staging", "-m", "eval").ok();
        assertOut(dan.run("request", "fraud@v1", "production", "-m", "go").ok(),
                "requested fraud@v1 into production: requests/production/fraud@v1 (ready to merge)");
        assertOut(bo.run("approve", "fraud@v1:production").ok(),
                "approved requests/production/fraud@v1: 1 approval (bo), none needed; ready to merge");
        assertOut(dan.run("merge", "fraud@v1:production").ok(), "merged requests/production/fraud@v1: promoted fraud@v1 to production;"
                + " approved by bo");
    }

    @Test
    void aRequestBreakingAStageRuleIsRefusedBeforeAnythingIsWritten() {
        dan.run("register", "fraud", "--metric", "auc=0.93", "--no-source", "--no-artifacts").ok();
        Result r = dan.run("request", "fraud@v1", "production", "-m", "skip staging").failsWithError();
        assertTrue(r.err().contains("must have been in staging first"), r::toString);
        assertNull(revParse(reg, "refs/heads/requests/production/fraud@v1"));
        Result noReason = dan.run("request", "fraud@v1", "production").failsWithUsage();
        assertTrue(noReason.err().contains("--reason"), noReason::toString);
    }

    // ---------------------------------------------------------------- --push

    @Test
    void requestPushSendsTheRequestBranchForAPullRequestAndMergePushDeletesIt() {
        twoApprovalsAndFraudInStaging();
        Path hub = cli.work.resolve("hub.git");
        CliLifecycleSupport.git(cli, cli.work, "init", "-q", "--bare", "hub.git");
        ada.run("remote", "add", "origin", hub.toString()).ok();
        ada.run("push", "origin").ok();

        Result requested = dan.run("request", "fraud@v1", "production", "-m", "beats v0", "--push", "origin").ok();
        assertOut(requested, "requested fraud@v1 into production: requests/production/fraud@v1 (needs 2 approvals)",
                "pushed requests/production/fraud@v1 to origin");
        assertTrue(requested.err().contains("Open a pull request from requests/production/fraud@v1 into stages/production"),
                requested::toString);
        assertEquals(revParse(reg, "requests/production/fraud@v1"), lsRemote(hub).get("refs/heads/requests/production/fraud@v1"),
                "the request branch arrived");
        assertEquals(revParse(reg, "stages/staging"), lsRemote(hub).get("refs/heads/stages/staging"), "with the registry");

        // bo reviews from a clone of the hub and pushes the approval back
        Person boAtClone = bo.at(cli.work.resolve("bo-reg"));
        bo.runAnywhere("clone", hub.toString(), "bo-reg").ok();
        assertEquals(row5("requests/production/fraud@v1", "dan", "0/2", "", "needs 2 approvals"),
                table(boAtClone.run("requests").ok(), REQUESTS).get(0), "a clone sees the pushed request");
        Result approved = boAtClone.run("approve", "fraud@v1:production", "--push", "origin").ok();
        assertOut(approved, "approved requests/production/fraud@v1: 1 of 2 approvals (bo); needs 1 more approval",
                "pushed requests/production/fraud@v1 to origin");
        String approval = revParse(boAtClone.registry(), "requests/production/fraud@v1");
        assertEquals(approval, lsRemote(hub).get("refs/heads/requests/production/fraud@v1"));

        dan.run("pull", "origin").ok();
        assertEquals("1/2", table(dan.run("requests").ok(), REQUESTS).get(0).get("APPROVALS"), "bo's approval came with the pull");
        cy.run("approve", "fraud@v1:production").ok();
        Result merged = dan.run("merge", "fraud@v1:production", "--push", "origin").ok();
        assertOut(merged, "merged requests/production/fraud@v1: promoted fraud@v1 to production; approved by bo, cy",
                "pushed stages/production to origin, deleted requests/production/fraud@v1 there");
        Map<String, String> remote = lsRemote(hub);
        assertFalse(remote.containsKey("refs/heads/requests/production/fraud@v1"), remote::toString);
        assertEquals(revParse(reg, "stages/production"), remote.get("refs/heads/stages/production"));
    }

    @Test
    void anApprovalPushedAfterAnotherOneFailsWholeAndIsMadeAgainOnTheRemoteCopy() {
        twoApprovalsAndFraudInStaging();
        Path hub = cli.work.resolve("hub.git");
        CliLifecycleSupport.git(cli, cli.work, "init", "-q", "--bare", "hub.git");
        ada.run("remote", "add", "origin", hub.toString()).ok();
        dan.run("request", "fraud@v1", "production", "-m", "go", "--push", "origin").ok();
        Person boAtClone = bo.at(cli.work.resolve("bo-reg"));
        Person cyAtClone = cy.at(cli.work.resolve("cy-reg"));
        bo.runAnywhere("clone", hub.toString(), "bo-reg").ok();
        cy.runAnywhere("clone", hub.toString(), "cy-reg").ok();
        cyAtClone.run("approve", "fraud@v1:production", "--push", "origin").ok();
        String cysApproval = lsRemote(hub).get("refs/heads/requests/production/fraud@v1");

        Result late = boAtClone.run("approve", "fraud@v1:production", "--push", "origin");
        assertEquals(1, late.exit(), late::toString);
        assertOut(late, "approved requests/production/fraud@v1: 1 of 2 approvals (bo); needs 1 more approval");
        assertEquals(1, late.errLines().size(), late::toString);
        assertTrue(late.err().startsWith("git-model: error: request branch requests/production/fraud@v1 on origin has commits this"
                + " registry lacks"), late::toString);
        assertEquals(cysApproval, lsRemote(hub).get("refs/heads/requests/production/fraud@v1"), "nothing was pushed");

        // what the help says to do: drop the local approval, pull, approve again
        assertEquals(0, CliLifecycleSupport.git(cli, boAtClone.registry(), "branch", "-D", "requests/production/fraud@v1").exit());
        boAtClone.run("pull", "origin").ok();
        assertOut(boAtClone.run("approve", "fraud@v1:production", "--push", "origin").ok(),
                "approved requests/production/fraud@v1: 2 of 2 approvals (cy, bo); ready to merge",
                "pushed requests/production/fraud@v1 to origin");
        dan.run("pull", "origin").ok();
        assertEquals(row5("requests/production/fraud@v1", "dan", "2/2", "cy, bo", "ready to merge"),
                table(dan.run("requests").ok(), REQUESTS).get(0));
    }

    @Test
    void requestReplacePushReplacesTheRemoteRequestBranch() {
        twoApprovalsAndFraudInStaging();
        Path hub = cli.work.resolve("hub.git");
        CliLifecycleSupport.git(cli, cli.work, "init", "-q", "--bare", "hub.git");
        ada.run("remote", "add", "origin", hub.toString()).ok();
        dan.run("request", "fraud@v1", "production", "-m", "first", "--push", "origin").ok();
        bo.run("approve", "fraud@v1:production", "--push", "origin").ok();
        String approved = lsRemote(hub).get("refs/heads/requests/production/fraud@v1");
        assertEquals(revParse(reg, "requests/production/fraud@v1"), approved);

        Result again = dan.run("request", "fraud@v1", "production", "-m", "again", "--replace", "--push", "origin").ok();
        assertOut(again, "requested fraud@v1 into production: requests/production/fraud@v1 (needs 2 approvals)",
                "pushed requests/production/fraud@v1 to origin");
        String replaced = lsRemote(hub).get("refs/heads/requests/production/fraud@v1");
        assertNotEquals(approved, replaced, "forced: the remote's branch with bo's approval is replaced");
        assertEquals(revParse(reg, "requests/production/fraud@v1"), replaced);
    }

    @Test
    void pushingToAnUnknownRemoteFailsWithOneLineAndKeepsTheRequest() {
        twoApprovalsAndFraudInStaging();
        Result r = dan.run("request", "fraud@v1", "production", "-m", "go", "--push", "nowhere");
        assertEquals(1, r.exit(), r::toString);
        assertOut(r, "requested fraud@v1 into production: requests/production/fraud@v1 (needs 2 approvals)");
        assertTrue(r.err().startsWith("git-model: error: ") && r.err().contains("nowhere"), r::toString);
        assertNotNull(revParse(reg, "refs/heads/requests/production/fraud@v1"), "the request is kept here");
    }

    /** merge --push of a request that was never pushed: deleting its (absent) remote branch is no failure. */
    @Test
    void mergePushOfARequestThatWasNeverPushedPublishesTheStage() {
        twoApprovalsAndFraudInStaging();
        Path hub = cli.work.resolve("hub.git");
        CliLifecycleSupport.git(cli, cli.work, "init", "-q", "--bare", "hub.git");
        ada.run("remote", "add", "origin", hub.toString()).ok();
        dan.run("request", "fraud@v1", "production", "-m", "local only").ok();
        bo.run("approve", "fraud@v1:production").ok();
        cy.run("approve", "fraud@v1:production").ok();
        Result merged = dan.run("merge", "fraud@v1:production", "--push", "origin").ok();
        assertEquals("pushed stages/production to origin, deleted requests/production/fraud@v1 there", merged.outLines().get(1));
        assertEquals(revParse(reg, "stages/production"), lsRemote(hub).get("refs/heads/stages/production"));
    }

    private Map<String, String> lsRemote(Path remote) {
        CliLifecycleSupport.Git r = CliLifecycleSupport.git(cli, cli.work, "ls-remote", remote.toString());
        assertEquals(0, r.exit(), r::toString);
        Map<String, String> refs = new LinkedHashMap<>();
        r.out().lines().map(l -> l.split("\t")).forEach(p -> refs.put(p[1], p[0]));
        return refs;
    }

    // ---------------------------------------------------------------- --unverified

    @Test
    void unverifiedReadsAnswerFromAStageChangeThatBreaksThePolicyWithAWarning() throws Exception {
        dan.run("register", "fraud", "--metric", "auc=0.93", "--no-source", "--no-artifacts").ok();
        dan.run("register", "fraud", "--metric", "auc=0.95", "--no-source", "--no-artifacts").ok();
        dan.run("promote", "fraud@v1", "staging", "-m", "eval").ok();
        dan.run("promote", "fraud@v1", "production", "-m", "go").ok();
        dan.run("promote", "fraud@v2", "staging", "-m", "eval").ok();
        // someone puts fraud@v2 into production with plain git, unsigned
        String now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        String file = "model: fraud\nstage: production\nversion: 2\naction: promote\nreason: hotfix\nby: mallory <m@example.com>\n"
                + "at: '" + now + "'\n";
        String message = "promote fraud@v2 to production\n\nhotfix\n\nAction: promote\nStage: production\nModel: fraud\nVersion: 2\n"
                + "Previous-Version: 1\nReason: hotfix\n";
        new io.gitmodel.registry.testing.GitPlumbing(dan.member().env(), reg.resolve(".git")).commit("stages/production",
                Map.of("fraud.yaml", file), message, Map.of("GIT_COMMITTER_DATE", now, "GIT_AUTHOR_DATE", now));

        Result refused = dan.run("resolve", "fraud@production").failsWithError();
        assertTrue(refused.err().contains("is not trusted") && refused.err().contains("--unverified"), refused::toString);

        Result[] forensics = new Result[1];
        String logged = logOutput(() -> forensics[0] = dan.run("--unverified", "resolve", "fraud@production").ok());
        assertOut(forensics[0], "fraud@v2");
        assertTrue(logged.startsWith("git-model: WARN: ") && logged.contains("breaks the policy")
                && logged.contains("unverified reads are on"), logged);
        Result afterTheCommand = dan.run("resolve", "fraud@production", "--unverified").ok();
        assertOut(afterTheCommand, "fraud@v2");
        Result[] quiet = new Result[1];
        assertEquals("", logOutput(() -> quiet[0] = dan.run("-q", "--unverified", "status").ok()), "--quiet silences the warning");
        assertTrue(quiet[0].out().contains("production  v2"), quiet[0]::toString);
        assertTrue(dan.run("status").exit() == 1, "without --unverified, status fails closed");
    }

    // ---------------------------------------------------------------- helpers

    /**
     * What git-model logs while {@code run} runs: the log goes to the process's stderr ({@code LogSetup}),
     * not to the command's writer, so it is caught there.
     */
    private static String logOutput(Runnable run) {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setErr(original);
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Map<String, String> row(String principal, String roles, String format, String fingerprint, String revoked) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("PRINCIPAL", principal);
        m.put("ROLES", roles);
        m.put("FORMAT", format);
        m.put("FINGERPRINT", fingerprint);
        m.put("REVOKED", revoked);
        return m;
    }

    private static Map<String, String> row5(String request, String by, String approvals, String approvedBy, String state) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("REQUEST", request);
        m.put("REQUESTED BY", by);
        m.put("APPROVALS", approvals);
        m.put("APPROVED BY", approvedBy);
        m.put("STATE", state);
        return m;
    }
}
