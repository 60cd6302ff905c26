package io.gitmodel.registry.internal.format;

import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.errors.CorruptMetadataException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code deleted.yaml} at the root of the registry branch: the versions deleted before they were
 * published, so that their numbers are never given out again although no tag or model.yaml names
 * them any more.
 * <pre>
 * deleted:
 * - ref: fraud@v3
 *   commit: 4f1c…            # its registration commit, still in the branch's history
 *   deleted: 2026-12-01T17:00:00Z
 *   by: Ada &lt;ada@example.com&gt;
 * </pre>
 */
public final class DeletedYaml {
    public static final String FILE = "deleted.yaml";
    private static final String DELETED = "deleted";
    private static final String REF = "ref";
    private static final String COMMIT = "commit";
    private static final String WHEN = "deleted";
    private static final String BY = "by";

    /** One deleted version. */
    public record Entry(ModelName name, int version, String commit, Instant deleted, String by) {
        public String ref() {
            return name.value() + "@v" + version;
        }
    }

    private DeletedYaml() {
    }

    public static List<Entry> read(String text, String file) throws CorruptMetadataException {
        Fields root = new Fields(SafeYaml.loadMap(text, file), file);
        List<Entry> out = new ArrayList<>();
        for (Map<String, Object> item : root.listOfMaps(DELETED)) {
            Fields f = new Fields(item, file, file + " (" + DELETED + ")");
            String ref = f.requiredString(REF);
            int at = ref.lastIndexOf("@v");
            if (at <= 0 || !ref.substring(at + 2).matches("[1-9][0-9]{0,8}")) {
                throw new CorruptMetadataException(file, file + ": '" + ref + "' is no version reference (name@vN)");
            }
            try {
                out.add(new Entry(ModelName.of(ref.substring(0, at)), Integer.parseInt(ref.substring(at + 2)),
                        f.requiredString(COMMIT), Instant.parse(f.requiredString(WHEN)), f.optionalString(BY, "")));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new CorruptMetadataException(file, file + ": entry " + ref + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    public static String write(List<Entry> entries) {
        List<Object> items = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(REF, e.ref());
            m.put(COMMIT, e.commit());
            m.put(WHEN, e.deleted().toString());
            if (!e.by().isEmpty()) {
                m.put(BY, e.by());
            }
            items.add(m);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put(DELETED, items);
        return "# Versions deleted before they were published; their numbers are never given out again.\n"
                + SafeYaml.dump(doc);
    }

    /** The highest deleted version number of {@code name}; 0 if none. */
    public static int highest(List<Entry> entries, ModelName name) {
        int highest = 0;
        for (Entry e : entries) {
            if (e.name().equals(name)) {
                highest = Math.max(highest, e.version());
            }
        }
        return highest;
    }
}
