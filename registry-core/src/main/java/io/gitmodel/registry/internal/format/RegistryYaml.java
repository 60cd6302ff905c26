package io.gitmodel.registry.internal.format;

import io.gitmodel.registry.errors.CorruptMetadataException;
import io.gitmodel.registry.errors.UnsupportedFormatException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads and writes {@code registry.yaml}, the registry's format marker and rules. */
public final class RegistryYaml {
    /** The format this version of git-model reads and writes. */
    public static final int FORMAT = 1;
    public static final String FILE = "registry.yaml";
    private static final String HEADER = "# git-model registry: format and stage rules. See docs/FORMAT.md.\n";

    private RegistryYaml() {
    }

    /**
     * The registry.yaml of a new registry: format 1 and the default stages.
     *
     * @param signed whether stage commits must be signed ({@code git-model init --unsigned} passes false)
     */
    public static String initial(boolean signed) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put(Keys.FORMAT, FORMAT);
        Map<String, Object> signing = new LinkedHashMap<>();
        signing.put("required", signed);
        signing.put("allowed_signers", new java.util.ArrayList<>());
        doc.put("signing", signing);
        Map<String, Object> stages = new LinkedHashMap<>();
        stages.put("staging", new LinkedHashMap<>(Map.of("description", "candidates under evaluation")));
        Map<String, Object> production = new LinkedHashMap<>();
        production.put("description", "serving live traffic");
        production.put("requires", "staging");
        production.put("gates", new java.util.ArrayList<>());
        production.put("approvals", 0);
        stages.put("production", production);
        Map<String, Object> archived = new LinkedHashMap<>();
        archived.put("description", "retired versions, kept forever");
        archived.put("multi_valued", true);
        stages.put("archived", archived);
        doc.put(Keys.STAGES, stages);
        return write(doc);
    }

    /** The text of a registry.yaml document. */
    public static String write(Map<String, Object> doc) {
        return HEADER + SafeYaml.dump(doc);
    }

    /** The registry.yaml of a new registry whose first admin is {@code admin}. */
    public static String initial(boolean signed, io.gitmodel.registry.Principal admin) {
        return write(PrincipalsYaml.write(read(initial(signed)), java.util.List.of(admin)));
    }

    private static Map<String, Object> read(String text) {
        try {
            return SafeYaml.loadMap(text, FILE);
        } catch (CorruptMetadataException e) {
            throw new IllegalStateException("the initial registry.yaml does not read back", e);
        }
    }

    /** Checks that the text is a registry.yaml this version can read and returns its document. */
    public static Map<String, Object> read(String text, String file) throws CorruptMetadataException, UnsupportedFormatException {
        Map<String, Object> doc = SafeYaml.loadMap(text, file);
        Object format = doc.get(Keys.FORMAT);
        if (!(format instanceof Integer f)) {
            throw new CorruptMetadataException(file, file + ": key 'format' must be an integer, found " + format);
        }
        if (f > FORMAT) {
            throw new UnsupportedFormatException(f, FORMAT, "the registry uses format " + f + " but this git-model reads format "
                    + FORMAT + " only; upgrade git-model");
        }
        if (f < 1) {
            throw new CorruptMetadataException(file, file + ": format " + f + " is invalid");
        }
        return doc;
    }
}
