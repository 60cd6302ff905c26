package io.gitmodel.registry.golden;

import static io.gitmodel.registry.golden.GoldenFormat1Versions.FRAUD_V1;
import static io.gitmodel.registry.golden.GoldenFormat1Versions.FRAUD_V2;
import static io.gitmodel.registry.golden.GoldenFormat1Versions.FRAUD_V3;
import static io.gitmodel.registry.golden.GoldenFormat1Versions.RANKER_V1;
import static io.gitmodel.registry.golden.GoldenFormat1Versions.RANKER_V2;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gitmodel.registry.EventAction;
import io.gitmodel.registry.ModelEvent;
import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Person;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.SignatureCheck;
import io.gitmodel.registry.StageAssignment;
import io.gitmodel.registry.StageName;
import io.gitmodel.registry.testing.GitCli;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden format-1 registry (built by {@link GoldenRegistry}, checked in under
 * {@code src/test/resources/golden/format-1}) must (1) read back exactly as written down here and
 * (2) be written again, byte for byte, by today's code. A failure means the on-disk format or its
 * reading changed: if that is intended, it is a format change (docs/FORMAT.md, and a migration
 * for existing registries); regenerate the fixture only then (see the README.md next to it).
 */
class GoldenFormat1Test {
    static final Person ADA = new Person("Ada Lovelace", "ada@example.com");
    static final Person BO = new Person("Bo Reviewer", "bo@example.com");
    static final Person GRACE = new Person("Grace Hopper", "grace@example.com");

    /** Every ref of the fixture. Commit and tag ids hash every byte of every file, commit and tag. */
    static final Map<String, String> REFS = Map.ofEntries(
            Map.entry("refs/git-model/stage-tip", "b8899dfcc958e32fa4a9696d6462c8e4e5d5fda8"),
            Map.entry("refs/heads/main", "ff887fa0058a55326e7dbcb8f4a27241c00d3a6a"),
            Map.entry("refs/heads/stages/archived", "b8899dfcc958e32fa4a9696d6462c8e4e5d5fda8"),
            Map.entry("refs/heads/stages/production", "887e9d29085b56d6da9e9bb8cd9e71175d55d673"),
            Map.entry("refs/heads/stages/staging", "793e7eef69bff44c6e5491434011fa4e1565bf2b"),
            Map.entry("refs/tags/fraud@v1", "850cc9a882845753379cbf2b918a58fe9b177249"),
            Map.entry("refs/tags/fraud@v2", "2c8e78b95aa914b5ae45e360b7c7745b10c151e5"),
            Map.entry("refs/tags/fraud@v3", "3ad22e613b8c9ab0d2ac5adeb48122109a84be38"),
            Map.entry("refs/tags/ranker@v1", "b0453a3599a5f677b7e3201884319c34cce5bd85"),
            Map.entry("refs/tags/ranker@v2", "f551d334e1310f5e8cb73ed863bda337cad09af9"));

    @TempDir
    Path tmp;
    Path fixture;

    @BeforeEach
    void restore() throws Exception {
        fixture = GoldenFixture.restore(tmp.resolve("fixture.git"));
    }

    private Registry open() throws Exception {
        return Registry.open(fixture, GoldenFixture.config(tmp.resolve("home")));
    }

    @Test
    void fixtureHasExactlyTheseRefsAndHeadNamesTheRegistryBranch() throws Exception {
        assertEquals(REFS, GoldenFixture.refs(fixture));
        assertEquals("refs/heads/main", GoldenFixture.headTarget(fixture));
        try (Registry registry = open()) {
            assertEquals("main", registry.branch());
        }
    }

    @Test
    void readsEveryVersionExactly() throws Exception {
        try (Registry registry = open()) {
            assertEquals(List.of(ModelName.of("fraud"), ModelName.of("ranker")), registry.models());
            List<ModelVersion> fraud = registry.versions("fraud");
            List<ModelVersion> ranker = registry.versions("ranker");
            assertVersion(FRAUD_V1, fraud.get(0));
            assertVersion(FRAUD_V2, fraud.get(1));
            assertVersion(FRAUD_V3, fraud.get(2));
            assertVersion(RANKER_V1, ranker.get(0));
            assertVersion(RANKER_V2, ranker.get(1));
            assertEquals(List.of(FRAUD_V1, FRAUD_V2, FRAUD_V3), fraud);
            assertEquals(List.of(RANKER_V1, RANKER_V2), ranker);
            assertEquals(FRAUD_V3, registry.resolve("fraud@latest"));
            assertEquals(FRAUD_V2, registry.resolve("fraud@v2"));
        }
    }

    /** Field by field first, so a failure names the field; params and extensions also by Java type. */
    private static void assertVersion(ModelVersion expected, ModelVersion actual) {
        String ref = expected.ref().toString();
        assertEquals(expected.name(), actual.name(), ref + " name");
        assertEquals(expected.version(), actual.version(), ref + " version");
        assertEquals(expected.commit(), actual.commit(), ref + " commit");
        assertEquals(expected.description(), actual.description(), ref + " description");
        assertEquals(expected.created(), actual.created(), ref + " created");
        assertEquals(expected.createdBy(), actual.createdBy(), ref + " createdBy");
        assertEquals(expected.metrics(), actual.metrics(), ref + " metrics");
        assertEquals(expected.params().keySet(), actual.params().keySet(), ref + " param names");
        expected.params().forEach((k, v) -> assertEquals(v.getClass(), actual.params().get(k).getClass(), ref + " type of param " + k));
        assertEquals(expected.params(), actual.params(), ref + " params");
        assertEquals(expected.tags(), actual.tags(), ref + " tags");
        assertEquals(expected.lineage().datasets(), actual.lineage().datasets(), ref + " datasets");
        assertEquals(expected.lineage().code(), actual.lineage().code(), ref + " code");
        assertEquals(expected.lineage().parents(), actual.lineage().parents(), ref + " parents");
        assertEquals(expected.lineage().environment(), actual.lineage().environment(), ref + " environment");
        assertEquals(expected.lineage().extensions(), actual.lineage().extensions(), ref + " lineage extensions");
        assertEquals(expected.artifacts(), actual.artifacts(), ref + " artifacts");
        assertEquals(expected.extensions(), actual.extensions(), ref + " extensions");
        assertEquals(expected.extensions().keySet().stream().toList(), actual.extensions().keySet().stream().toList(),
                ref + " extension order");
        assertEquals(expected, actual, ref);
    }

    @Test
    void pinsTheBytesOfRegistryFiles() throws Exception {
        assertEquals(GoldenFormat1Versions.FRAUD_V1_YAML, GoldenFixture.text(fixture, "refs/tags/fraud@v1", "models/fraud/model.yaml"));
        assertEquals(GoldenFormat1Versions.FRAUD_V2_YAML, GoldenFixture.text(fixture, "refs/tags/fraud@v2", "models/fraud/model.yaml"));
        assertEquals(GoldenFormat1Versions.RANKER_V1_YAML, GoldenFixture.text(fixture, "refs/tags/ranker@v1", "models/ranker/model.yaml"));
        // the model card of v2 is carried forward to v3, which gave none
        String card = "# Fraud detector\n\nScores card transactions; owner: Zoë.\n\n| metric | value |\n|---|---|\n| auc | 0.93 |\n";
        assertEquals(card, GoldenFixture.text(fixture, "refs/tags/fraud@v2", "models/fraud/README.md"));
        assertEquals(card, GoldenFixture.text(fixture, "refs/heads/main", "models/fraud/README.md"));
        assertEquals("""
                version https://git-lfs.github.com/spec/v1
                oid sha256:04773f8726c81cafcfa1a09a82664b98b00d2021031a1715bca1154f2dad3472
                size 300
                """, GoldenFixture.text(fixture, "refs/tags/fraud@v2", "models/fraud/artifacts/model/weights.bin"));
        assertEquals(0, GoldenFixture.bytes(fixture, "refs/tags/fraud@v2", "models/fraud/artifacts/model/tokenizer/special/empty.txt").length);
        assertEquals("models/**/artifacts/** filter=lfs diff=lfs merge=lfs -text\n",
                GoldenFixture.text(fixture, "refs/heads/main", ".gitattributes"));
        assertEquals("""
                # git-model registry: format and stage rules. See docs/FORMAT.md.
                format: 1
                signing:
                  required: false
                  allowed_signers: []
                stages:
                  staging:
                    description: candidates under evaluation
                  production:
                    description: serving live traffic
                    requires: staging
                    gates: []
                    approvals: 0
                  archived:
                    description: retired versions, kept forever
                    multi_valued: true
                """, GoldenFixture.text(fixture, "refs/heads/main", "registry.yaml"));
    }

    @Test
    void pinsStageFilesAndMessages() throws Exception {
        // a single-slot stage file with a multi-line reason, as the promotion of fraud@v2 wrote it
        assertEquals("""
                model: fraud
                stage: production
                version: 2
                action: promote
                reason: |-
                  A/B test won: +2.1 % recall

                  See the dashboard — ✓ signed off
                by: Bo Reviewer <bo@example.com>
                at: 2026-01-05T16:00:00Z
                """, GoldenFixture.text(fixture, "afd0ede718f3ad9fb83b48f7d2e21d200f4da4ed", "fraud.yaml"));
        assertEquals("""
                model: fraud
                stage: archived
                versions:
                - 2
                action: restore
                reason: kept for audit comparison
                by: Ada Lovelace <ada@example.com>
                at: 2026-01-06T03:00:00Z
                """, GoldenFixture.text(fixture, "refs/heads/stages/archived", "fraud.yaml"));
        // a release: one commit, trailers repeated per model, "none" for no previous version
        assertEquals("""
                tree b94fed2ee436253f4879a3e8443768d13a47e30c
                parent 2c9c449f68adc47e1106bc88708a103fe589c9a3
                author Bo Reviewer <bo@example.com> 1767654000 +0000
                committer Bo Reviewer <bo@example.com> 1767654000 +0000

                release fraud@v3, ranker@v2 to production

                retrained together

                Action: release
                Stage: production
                Model: fraud
                Version: 3
                Previous-Version: 1
                Model: ranker
                Version: 2
                Previous-Version: none
                Reason: retrained together
                """, GoldenFixture.rawObject(fixture, "887e9d29085b56d6da9e9bb8cd9e71175d55d673"));
        assertEquals("""
                object cd46c420a79a1ff2544b1be5b6de1e8b801752fa
                type commit
                tag fraud@v2
                tagger Grace Hopper <grace@example.com> 1767610800 +0000

                fraud@v2: Retrained on December data.
                """, GoldenFixture.rawObject(fixture, REFS.get("refs/tags/fraud@v2")));
    }

    @Test
    void statusNowAndInThePast() throws Exception {
        try (Registry registry = open()) {
            assertEquals(List.of(held("fraud", "staging", 3), held("fraud", "production", 3), held("fraud", "archived", 2),
                    held("ranker", "production", 2)), registry.status(null));
            assertEquals(List.of(held("fraud", "staging", 2), held("fraud", "production", 2)),
                    registry.status(Instant.parse("2026-01-05T16:30:00Z")));
            // a commit dated exactly at the instant counts: the rollback at 17:00
            assertEquals(List.of(held("fraud", "staging", 2), held("fraud", "production", 1), held("ranker", "staging", 1)),
                    registry.status(Instant.parse("2026-01-05T19:00:00Z")));
            assertEquals(List.of(held("fraud", "staging", 3), held("fraud", "production", 3), held("fraud", "archived", 1, 2),
                    held("ranker", "production", 2)), registry.status(Instant.parse("2026-01-06T02:59:59Z")));
            assertEquals(List.of(), registry.status(Instant.parse("2026-01-05T12:59:59Z")));
        }
    }

    @Test
    void timeTravelResolvesWhatAStageHeldThen() throws Exception {
        try (Registry registry = open()) {
            assertEquals(FRAUD_V2, registry.resolve("fraud@production~2026-01-05T16:30:00Z"));
            assertEquals(FRAUD_V1, registry.resolve("fraud@production~2026-01-05T17:00:00Z"));
            assertEquals(FRAUD_V3, registry.resolve("fraud@production"));
            assertEquals(RANKER_V2, registry.resolve("ranker@production~2026-01-06"));
            assertEquals(FRAUD_V2, registry.resolve("fraud@staging~2026-01-05T16:00:00+01:00"));
        }
    }

    @Test
    void historyOfAModelInOrder() throws Exception {
        try (Registry registry = open()) {
            assertEquals(List.of(
                    register("fraud", 1, "First fraud model", ADA, "2026-01-05T10:00:00Z", FRAUD_V1.commit()),
                    register("fraud", 2, FRAUD_V2.description(), GRACE, "2026-01-05T11:00:00Z", FRAUD_V2.commit()),
                    stage("promote", "fraud", 1, "staging", 0, "offline eval passed", ADA, "2026-01-05T13:00:00Z",
                            "3ee263f0c54ea236a1a4c7d66fe75146b68384d3"),
                    stage("promote", "fraud", 1, "production", 0, "first release", BO, "2026-01-05T14:00:00Z",
                            "32e50e15fd543856326906ca589482f63a49b231"),
                    stage("promote", "fraud", 2, "staging", 1, "candidate with more data", ADA, "2026-01-05T15:00:00Z",
                            "a83ea9468ddc3751c58ee0374224a9da645c4a00"),
                    PROMOTE_FRAUD_V2_PRODUCTION,
                    stage("rollback", "fraud", 1, "production", 2, "latency regression", BO, "2026-01-05T17:00:00Z",
                            "2c9c449f68adc47e1106bc88708a103fe589c9a3"),
                    register("fraud", 3, "", ADA, "2026-01-05T20:00:00Z", FRAUD_V3.commit()),
                    stage("promote", "fraud", 3, "staging", 2, "retrained", ADA, "2026-01-05T21:00:00Z",
                            "5ee117b464b68d86d9e5420fcf49ddfefad6107f"),
                    RELEASE_FRAUD,
                    stage("archive", "fraud", 2, "archived", 0, "replaced by v3", ADA, "2026-01-06T01:00:00Z",
                            "e63ce19dacb561a507df0609ada1d59c363a2ec1"),
                    stage("archive", "fraud", 1, "archived", 0, "replaced by v3", ADA, "2026-01-06T02:00:00Z",
                            "a0f41997f426b73254fdf031c36dff1a0b266fa3"),
                    stage("restore", "fraud", 1, "archived", 1, "kept for audit comparison", ADA, "2026-01-06T03:00:00Z",
                            "b8899dfcc958e32fa4a9696d6462c8e4e5d5fda8")), registry.history("fraud"));
            assertEquals(List.of(
                    register("ranker", 1, "", ADA, "2026-01-05T12:00:00Z", RANKER_V1.commit()),
                    register("ranker", 2, RANKER_V2.description(), ADA, "2026-01-05T18:00:00Z", RANKER_V2.commit()),
                    stage("promote", "ranker", 1, "staging", 0, "smoke test", ADA, "2026-01-05T19:00:00Z",
                            "d2fa55373272aa277ede1930d3c131c8178b210f"),
                    stage("promote", "ranker", 2, "staging", 1, "uses fraud scores", ADA, "2026-01-05T22:00:00Z",
                            "0c68832a4abb4588e125dcd363073d385aa4502c"),
                    RELEASE_RANKER,
                    stage("demote", "ranker", 2, "staging", 2, "superseded by the release", ADA, "2026-01-06T00:00:00Z",
                            "793e7eef69bff44c6e5491434011fa4e1565bf2b")), registry.history("ranker"));
        }
    }

    @Test
    void logOfAStageInOrder() throws Exception {
        try (Registry registry = open()) {
            assertEquals(List.of(
                    stage("promote", "fraud", 1, "production", 0, "first release", BO, "2026-01-05T14:00:00Z",
                            "32e50e15fd543856326906ca589482f63a49b231"),
                    PROMOTE_FRAUD_V2_PRODUCTION,
                    stage("rollback", "fraud", 1, "production", 2, "latency regression", BO, "2026-01-05T17:00:00Z",
                            "2c9c449f68adc47e1106bc88708a103fe589c9a3"),
                    RELEASE_FRAUD, RELEASE_RANKER), registry.log("production"));
        }
    }

    @Test
    void artifactBytesReadToTheEnd() throws Exception {
        try (Registry registry = open()) {
            ModelVersion v1 = registry.resolve("fraud@v1");
            assertEquals("golden fraud model, version 1\n", read(registry, v1, "model.onnx"));
            assertEquals("# Evaluation\n\nAUC 0.91 on holdout — ok\n", read(registry, v1, "eval/report.md"));
            ModelVersion v2 = registry.resolve("fraud@v2");
            assertEquals("", read(registry, v2, "model/tokenizer/special/empty.txt"));
            try (InputStream in = registry.openArtifact(v2, "model/weights.bin")) {
                byte[] weights = in.readAllBytes(); // to the end: the stream checks size and sha256 there
                assertEquals(300, weights.length);
                assertArrayEquals(new byte[] {3, 10, 17, 24, 31}, Arrays.copyOf(weights, 5));
            }
        }
    }

    private static String read(Registry registry, ModelVersion v, String path) throws Exception {
        try (InputStream in = registry.openArtifact(v, path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void todaysCodeWritesTheSameRegistryAgain() throws Exception {
        Path again = tmp.resolve("again.git");
        GoldenRegistry.build(again, tmp.resolve("scratch"));
        assertEquals(GoldenFixture.refs(fixture), GoldenFixture.refs(again));
        assertEquals(REFS, GoldenFixture.refs(again));
        assertEquals("refs/heads/main", GoldenFixture.headTarget(again));
        Map<String, byte[]> expected = GoldenFixture.lfsObjects(fixture);
        Map<String, byte[]> actual = GoldenFixture.lfsObjects(again);
        assertEquals(expected.keySet(), actual.keySet(), "Git LFS objects");
        expected.forEach((path, bytes) -> assertArrayEquals(bytes, actual.get(path), path));
    }

    @Test
    void realGitAgrees() throws Exception {
        assumeTrue(GitCli.hasGit(), "git is not installed");
        GitCli git = new GitCli(GoldenFixture.env(tmp.resolve("home")));
        git.git(fixture, "fsck", "--strict", "--no-dangling").ok();
        assertEquals("tag\n", git.git(fixture, "cat-file", "-t", "fraud@v1").ok().stdout());
        assertEquals(GoldenFixture.rawObject(fixture, REFS.get("refs/tags/fraud@v2")),
                git.git(fixture, "cat-file", "-p", "fraud@v2").ok().stdout());
        assertEquals(GoldenFormat1Versions.FRAUD_V2_YAML, git.git(fixture, "show", "fraud@v2:models/fraud/model.yaml").ok().stdout());
    }

    static final ModelEvent PROMOTE_FRAUD_V2_PRODUCTION = new ModelEvent(EventAction.PROMOTE, ModelName.of("fraud"), 2, StageName.of("production"), 1,
            "A/B test won: +2.1 % recall\n\nSee the dashboard — ✓ signed off", List.of("Cy Approver <cy@example.com>"), BO,
            Instant.parse("2026-01-05T16:00:00Z"), "afd0ede718f3ad9fb83b48f7d2e21d200f4da4ed", SignatureCheck.unsigned(), List.of());
    static final ModelEvent RELEASE_FRAUD = stage("release", "fraud", 3, "production", 1, "retrained together", BO,
            "2026-01-05T23:00:00Z", "887e9d29085b56d6da9e9bb8cd9e71175d55d673");
    static final ModelEvent RELEASE_RANKER = stage("release", "ranker", 2, "production", 0, "retrained together", BO,
            "2026-01-05T23:00:00Z", "887e9d29085b56d6da9e9bb8cd9e71175d55d673");

    static ModelEvent register(String model, int version, String description, Person by, String at, String commit) {
        return new ModelEvent(EventAction.REGISTER, ModelName.of(model), version, null, 0, description, List.of(), by, Instant.parse(at), commit,
                SignatureCheck.unsigned(), List.of());
    }

    static ModelEvent stage(String action, String model, int version, String stage, int previous, String reason, Person by,
            String at, String commit) {
        return new ModelEvent(EventAction.fromWord(action).orElseThrow(), ModelName.of(model), version, StageName.of(stage), previous,
                reason, List.of(), by, Instant.parse(at), commit,
                SignatureCheck.unsigned(), List.of());
    }

    static StageAssignment held(String model, String stage, Integer... versions) {
        return new StageAssignment(ModelName.of(model), StageName.of(stage), List.of(versions));
    }
}
