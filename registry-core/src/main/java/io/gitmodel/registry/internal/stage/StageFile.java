package io.gitmodel.registry.internal.stage;

import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.StageName;
import io.gitmodel.registry.errors.CorruptMetadataException;
import io.gitmodel.registry.internal.format.SafeYaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code <name>.yaml} on a stage branch: the version(s) of a model the stage holds, and the last
 * change that got them there. A single-slot stage holds one version ({@code version: 3}); a
 * multi-valued stage holds a set ({@code versions: [1, 2]}). A model the stage holds nothing of
 * has no file.
 */
public record StageFile(ModelName model, StageName stage, List<Integer> versions, String action, String reason, String by,
        String at) {
    public StageFile {
        versions = List.copyOf(new TreeSet<>(versions));
    }

    public String fileName() {
        return fileName(model);
    }

    public static String fileName(ModelName model) {
        return model.value() + ".yaml";
    }

    public String write(boolean multiValued) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("model", model.value());
        doc.put("stage", stage.value());
        if (multiValued) {
            doc.put("versions", new ArrayList<>(versions));
        } else {
            doc.put("version", versions.get(0));
        }
        doc.put("action", action);
        doc.put("reason", reason);
        doc.put("by", by);
        doc.put("at", at);
        return SafeYaml.dump(doc);
    }

    public static StageFile read(String text, String file) throws CorruptMetadataException {
        Map<String, Object> doc = SafeYaml.loadMap(text, file);
        try {
            ModelName model = new ModelName(String.valueOf(doc.get("model")));
            List<Integer> versions = new ArrayList<>();
            Object one = doc.get("version");
            Object many = doc.get("versions");
            if (one instanceof Integer v) {
                versions.add(v);
            } else if (many instanceof List<?> list) {
                for (Object o : list) {
                    if (!(o instanceof Integer v) || v < 1) {
                        throw new CorruptMetadataException(file, file + ": versions must be positive integers, found " + o);
                    }
                    versions.add(v);
                }
            } else {
                throw new CorruptMetadataException(file, file + ": key 'version' (or 'versions') is missing");
            }
            return new StageFile(model, new StageName(String.valueOf(doc.get("stage"))), versions, str(doc.get("action")),
                    str(doc.get("reason")), str(doc.get("by")), str(doc.get("at")));
        } catch (IllegalArgumentException e) {
            throw new CorruptMetadataException(file, file + ": " + e.getMessage(), e);
        }
    }

    private static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }
}
