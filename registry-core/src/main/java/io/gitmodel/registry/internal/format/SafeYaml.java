package io.gitmodel.registry.internal.format;

import io.gitmodel.registry.errors.CorruptMetadataException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.RepresentToNode;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.representer.StandardRepresenter;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * YAML reading and writing for registry files, hardened against hostile input.
 *
 * <p>Registry files are plain data: YAML 1.2 core schema, no anchors or aliases (so no alias
 * bombs), no explicit tags (so no type confusion), nesting at most {@value #MAX_DEPTH} deep,
 * at most {@value #MAX_CHARS} characters, no duplicate keys. Anything else is rejected before it
 * is turned into objects. Output is block style, keys in insertion order, and strings that a
 * YAML 1.1 reader would take for booleans or null are quoted so that other tools read them back
 * as strings.
 */
public final class SafeYaml {
    /** Largest registry file accepted, in characters. */
    public static final int MAX_CHARS = 1 << 20;
    /** Deepest nesting of mappings and sequences accepted. */
    public static final int MAX_DEPTH = 32;

    private static final Pattern YAML11_SPECIAL = Pattern.compile(
            "(?i)y|n|yes|no|on|off|true|false|null|~|[-+]?\\.?inf|\\.nan|[0-9][0-9_:.eE+-]*|0x[0-9a-f_]+|0o?[0-7_]+|[0-9]{4}-[0-9]{2}-[0-9]{2}");

    /**
     * Strings a literal block or plain scalar would not bring back as written: leading empty lines
     * (the block's indentation would be guessed from them), and characters some readers take for
     * line breaks (NEL, LS, PS) or drop (BOM). Written double-quoted, with escapes.
     */
    private static final Pattern NEEDS_ESCAPES = Pattern.compile("\\A[ \\t]*\\n|[\\u0085\\u2028\\u2029\\uFEFF]");

    private SafeYaml() {
    }

    /** One schema for every parse: building its resolvers is most of a small file's parse time, and it is read-only. */
    private static final CoreSchema SCHEMA = new CoreSchema();

    private static LoadSettings loadSettings(String label) {
        return LoadSettings.builder()
                .setLabel(label)
                .setSchema(SCHEMA)
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(0)
                .setCodePointLimit(MAX_CHARS)
                .setUseMarks(true)
                .build();
    }

    /**
     * Parses a document whose top level must be a mapping with string keys.
     *
     * @param file names the file in error messages, e.g. {@code main:models/fraud/model.yaml}
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> loadMap(String text, String file) throws CorruptMetadataException {
        if (text.length() > MAX_CHARS) {
            throw new CorruptMetadataException(file, file + " is " + text.length() + " characters long; the limit is " + MAX_CHARS);
        }
        LoadSettings settings = loadSettings(file);
        try {
            checkEvents(settings, text, file);
            Object doc = new Load(settings).loadFromString(text);
            if (!(doc instanceof Map<?, ?> map)) {
                throw new CorruptMetadataException(file, file + " is not a YAML mapping");
            }
            for (Object key : map.keySet()) {
                if (!(key instanceof String)) {
                    throw new CorruptMetadataException(file, file + " has a non-string key: " + key);
                }
            }
            return new LinkedHashMap<>((Map<String, Object>) map);
        } catch (YamlEngineException e) {
            throw new CorruptMetadataException(file, file + " is not valid YAML: " + firstLine(e.getMessage()), e);
        } catch (StackOverflowError e) {
            throw new CorruptMetadataException(file, file + " is nested too deeply");
        }
    }

    private static void checkEvents(LoadSettings settings, String text, String file) throws CorruptMetadataException {
        int depth = 0;
        for (Event event : new Parse(settings).parseString(text)) {
            if (event instanceof NodeEvent node && node.getAnchor().isPresent()) {
                throw new CorruptMetadataException(file, file + " uses a YAML anchor or alias ("
                        + node.getAnchor().get() + "); registry files are plain data");
            }
            if (event.getEventId() == Event.ID.Alias) {
                throw new CorruptMetadataException(file, file + " uses a YAML alias; registry files are plain data");
            }
            if (event instanceof ScalarEvent scalar && scalar.getTag().isPresent()) {
                throw new CorruptMetadataException(file, file + " uses the explicit YAML tag " + scalar.getTag().get()
                        + "; registry files are plain data");
            }
            if (event instanceof CollectionStartEvent collection) {
                if (collection.getTag().isPresent()) {
                    throw new CorruptMetadataException(file, file + " uses the explicit YAML tag "
                            + collection.getTag().get() + "; registry files are plain data");
                }
                if (++depth > MAX_DEPTH) {
                    throw new CorruptMetadataException(file, file + " is nested more than " + MAX_DEPTH + " levels deep");
                }
            }
            if (event.getEventId() == Event.ID.MappingEnd || event.getEventId() == Event.ID.SequenceEnd) {
                depth--;
            }
        }
    }

    /** Writes a document in block style. */
    public static String dump(Map<String, ?> document) {
        DumpSettings settings = DumpSettings.builder()
                .setDefaultFlowStyle(FlowStyle.BLOCK)
                .setIndent(2)
                .setWidth(Integer.MAX_VALUE)
                .setSplitLines(false)
                .setSchema(new CoreSchema())
                .build();
        return new Dump(settings, new Representer(settings)).dumpToString(document);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        return message.replace('\n', ' ').replaceAll("\\s+", " ").trim();
    }

    /** Quotes YAML 1.1 look-alikes and writes multi-line text as literal blocks. */
    private static final class Representer extends StandardRepresenter {
        Representer(DumpSettings settings) {
            super(settings);
            RepresentToNode strings = data -> {
                String s = (String) data;
                ScalarStyle style = NEEDS_ESCAPES.matcher(s).find() ? ScalarStyle.DOUBLE_QUOTED
                        : s.indexOf('\n') >= 0 ? ScalarStyle.LITERAL
                        : YAML11_SPECIAL.matcher(s).matches() ? ScalarStyle.DOUBLE_QUOTED : ScalarStyle.PLAIN;
                return representScalar(Tag.STR, s, style);
            };
            representers.put(String.class, strings);
        }
    }
}
