package io.gitmodel.cli;

import io.gitmodel.registry.ModelEvent;
import io.gitmodel.registry.ModelRef;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Remote;
import io.gitmodel.registry.SignatureCheck;
import io.gitmodel.registry.StageAssignment;
import java.util.LinkedHashMap;
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
}
