package io.gitmodel.cli;

import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * The command line's YAML for data other than a version (whose YAML is its model.yaml): block
 * style, 2-space indent, keys in the order of {@link Documents}, YAML 1.2.
 */
final class Yaml {
    private static final DumpSettings SETTINGS = DumpSettings.builder()
            .setDefaultFlowStyle(FlowStyle.BLOCK)
            .setIndent(2)
            .setWidth(Integer.MAX_VALUE)
            .setSplitLines(false)
            .setDereferenceAliases(true) // the same empty list twice is two lists, not an anchor and an alias
            .build();

    private Yaml() {
    }

    /** A document, or a list of documents as one YAML sequence ({@code []} when empty). */
    static String write(Object document) {
        if (document instanceof Map<?, ?> || document instanceof java.util.List<?>) {
            return new Dump(SETTINGS).dumpToString(document);
        }
        throw new IllegalArgumentException("not a document: " + document);
    }
}
