package io.gitmodel.cli;

import io.gitmodel.registry.Artifact;
import io.gitmodel.registry.Comparison;
import io.gitmodel.registry.DatasetUse;
import io.gitmodel.registry.Finding;
import io.gitmodel.registry.ModelEvent;
import io.gitmodel.registry.ModelRef;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Principal;
import io.gitmodel.registry.PromotionRequest;
import io.gitmodel.registry.RegistryPolicy;
import io.gitmodel.registry.Remote;
import io.gitmodel.registry.SignatureCheck;
import io.gitmodel.registry.SigningKey;
import io.gitmodel.registry.StageAssignment;
import io.gitmodel.registry.StageRules;
import io.gitmodel.registry.VersionDiff;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every shape the command line prints with {@code --json} or {@code --yaml}, in one place: plain
 * ordered maps, lists and scalars, keys in snake_case. Scripts depend on these shapes; change them
 * only by adding keys.
 */
final class Documents {
    private Documents() {
    }

    /** {@code git-model version}: {@code {version, java: {version, vendor}}}. */
    static Map<String, Object> about(String version, String javaVersion, String javaVendor) {
        Map<String, Object> java = new LinkedHashMap<>();
        java.put("version", javaVersion);
        java.put("vendor", javaVendor);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", version);
        m.put("java", java);
        return m;
    }

    /** A version: its model.yaml as a document, with {@code ref} and {@code commit} first. */
    static Map<String, Object> version(ModelVersion v) {
        return v.toMap();
    }

    /** What a stage holds of a model: {@code {model, stage, versions, refs}}. */
    static Map<String, Object> assignment(StageAssignment a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", a.model().value());
        m.put("stage", a.stage().value());
        m.put("versions", a.versions());
        m.put("refs", a.refs().stream().map(ModelRef::toString).toList());
        return m;
    }

    /** A registration or stage change, with who, when, why and the verified signature. */
    static Map<String, Object> event(ModelEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", e.action().word());
        m.put("model", e.model() == null ? null : e.model().value());
        m.put("version", e.version());
        m.put("ref", e.ref() == null ? null : e.ref().toString());
        m.put("stage", e.stage() == null ? "" : e.stage().value());
        m.put("previous_version", e.previousVersion() > 0 ? e.previousVersion() : null);
        m.put("reason", e.reason());
        m.put("approved_by", e.approvedBy());
        m.put("by", e.by().toString());
        m.put("at", e.at().toString());
        m.put("commit", e.commit());
        m.put("signature", signature(e.signature()));
        m.put("warnings", e.warnings());
        m.put("problems", e.problems());
        m.put("valid", e.valid());
        return m;
    }

    static Map<String, Object> signature(SignatureCheck s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", s.status().name().toLowerCase(Locale.ROOT));
        m.put("format", s.format());
        m.put("signer", s.signer());
        m.put("fingerprint", s.fingerprint());
        m.put("allowed", s.allowed());
        m.put("detail", s.detail());
        return m;
    }

    /** A remote: {@code {name, url}}, the URL without credentials. */
    static Map<String, Object> remote(Remote r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("url", r.displayUrl());
        return m;
    }

    /** A principal of registry.yaml: {@code {name, roles, keys: [key]}}. */
    static Map<String, Object> principal(Principal p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("roles", p.roles());
        m.put("keys", p.keys().stream().map(Documents::key).toList());
        return m;
    }

    /** A public key: {@code {format, fingerprint, revoked, public_key}}; revoked is an instant or null. */
    static Map<String, Object> key(SigningKey k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", k.format());
        m.put("fingerprint", k.fingerprint());
        m.put("revoked", k.revoked() == null ? null : k.revoked().toString());
        m.put("public_key", k.publicKey());
        return m;
    }

    /**
     * The policy in force: {@code {stages, admins, admin_principals, allowed_signers, principals}}; the
     * {@code *_principals} lists are the principals with a trusted key the rule lets act.
     */
    static Map<String, Object> policy(RegistryPolicy p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stages", p.stages().stream().map(s -> stageRules(p, s)).toList());
        m.put("admins", p.admins());
        m.put("admin_principals", Who.principalsIn(p, p.admins(), false));
        m.put("allowed_signers", p.allowedSigners());
        m.put("principals", p.principals().stream().map(Documents::principal).toList());
        return m;
    }

    /** The rules of one stage, with who its signers and approvers resolve to. */
    static Map<String, Object> stageRules(RegistryPolicy p, StageRules s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name().value());
        m.put("description", s.description());
        m.put("requires", s.requires() == null ? null : s.requires().value());
        m.put("multi_valued", s.multiValued());
        m.put("approvals", s.approvals());
        m.put("signed", s.signed());
        m.put("signers", s.signers());
        m.put("signer_principals", Who.principalsIn(p, s.signers(), true));
        m.put("approvers", s.approvers());
        m.put("approver_principals", Who.principalsIn(p, s.approvers(), true));
        m.put("gates", s.gates());
        m.put("forge_merges", s.forgeMerges());
        return m;
    }

    /** An open promotion request with its approvals and what stands between it and a merge. */
    static Map<String, Object> request(PromotionRequest r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name().toString());
        m.put("model", r.name().model().value());
        m.put("version", r.name().version());
        m.put("ref", r.name().modelRef().toString());
        m.put("stage", r.name().stage().value());
        m.put("branch", r.ref());
        m.put("commit", r.commit());
        m.put("tip", r.tip());
        m.put("base", r.base());
        m.put("requester", r.requester() == null ? null : r.requester().toString());
        m.put("requested_by", r.requestedBy());
        m.put("requested_at", r.requestedAt() == null ? null : r.requestedAt().toString());
        m.put("reason", r.reason());
        m.put("approvers", r.approvers());
        m.put("approvals", r.approvers().size());
        m.put("approvals_needed", r.approvalsNeeded());
        m.put("approvals_missing", r.approvalsMissing());
        m.put("not_counted", r.notCounted());
        m.put("current", r.current());
        m.put("problems", r.problems().stream().map(Documents::finding).toList());
        m.put("mergeable", r.mergeable());
        return m;
    }

    /** A rule broken: {@code {rule, message, ref, commit, model, version}}. */
    static Map<String, Object> finding(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", f.rule());
        m.put("message", f.message());
        m.put("ref", f.ref());
        m.put("commit", f.commit());
        m.put("model", f.model() == null ? null : f.model().value());
        m.put("version", f.version() > 0 ? f.version() : null);
        return m;
    }

    /** What changed between two versions: the shape of {@code diff --json}. */
    static Map<String, Object> diff(VersionDiff d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", d.from().ref().toString());
        m.put("to", d.to().ref().toString());
        List<Object> changes = new ArrayList<>();
        for (VersionDiff.Change c : d.changes()) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("section", c.section());
            change.put("key", c.key());
            change.put("kind", c.kind().word());
            change.put("before", c.before());
            change.put("after", c.after());
            change.put("delta", c.delta().orElse(null));
            changes.add(change);
        }
        m.put("changes", changes);
        List<Object> artifacts = new ArrayList<>();
        for (VersionDiff.ArtifactChange a : d.artifacts()) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("path", a.path().value());
            change.put("kind", a.kind().word());
            change.put("before", artifactSide(a.before()));
            change.put("after", artifactSide(a.after()));
            change.put("size_delta", a.sizeDelta());
            artifacts.add(change);
        }
        m.put("artifacts", artifacts);
        m.put("model_card", d.modelCard());
        return m;
    }

    private static Map<String, Object> artifactSide(Artifact a) {
        if (a == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("oid", a.oid().prefixed());
        m.put("size", a.size());
        return m;
    }

    /** Several versions side by side: the shape of {@code compare --json}. */
    static Map<String, Object> comparison(Comparison c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("versions", c.versions().stream().map(v -> v.ref().toString()).toList());
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (String metric : c.metrics()) {
            Map<String, Object> one = new LinkedHashMap<>();
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < c.versions().size(); i++) {
                values.add(c.metric(i, metric).orElse(null));
            }
            one.put("values", values);
            Integer best = c.best().get(metric);
            one.put("best", best == null ? null : c.versions().get(best).ref().toString());
            one.put("lower_is_better", c.lowerIsBetter().contains(metric));
            metrics.put(metric, one);
        }
        m.put("metrics", metrics);
        Map<String, Object> params = new LinkedHashMap<>();
        for (String param : c.params()) {
            List<Object> values = new ArrayList<>();
            for (ModelVersion v : c.versions()) {
                values.add(v.params().get(param));
            }
            params.put(param, values);
        }
        m.put("params", params);
        return m;
    }

    /** A version trained on a data set: {@code {ref, dataset: {uri, digest}, stages}}. */
    static Map<String, Object> datasetUse(DatasetUse u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ref", u.version().ref().toString());
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("uri", u.dataset().uri());
        dataset.put("digest", u.dataset().digest());
        m.put("dataset", dataset);
        m.put("stages", u.stages().stream().map(s -> s.value()).sorted().toList());
        return m;
    }
}
