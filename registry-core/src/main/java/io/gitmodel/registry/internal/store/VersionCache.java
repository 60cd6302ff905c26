package io.gitmodel.registry.internal.store;

import com.fasterxml.jackson.core.JsonGenerator;
import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.errors.CorruptMetadataException;
import io.gitmodel.registry.internal.format.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A derived cache of parsed model.yaml documents, one file per model under
 * {@code <git-dir>/git-model/cache/versions/<name>.json}, keyed by registration commit. A commit's
 * model.yaml never changes, so an entry never goes stale; the cache is never a source of truth
 * (tags say which versions exist, and {@code verify} reads the files themselves). Written to a
 * temporary file and moved into place, so a reader in another process sees the old file or the
 * new one, never a torn one; anything unreadable is ignored and rebuilt.
 */
final class VersionCache {
    private static final Logger LOG = LoggerFactory.getLogger(VersionCache.class);
    static final int FORMAT = 1;

    private final Path directory;

    VersionCache(Path gitDir) {
        this.directory = gitDir.resolve("git-model").resolve("cache").resolve("versions");
    }

    private Path file(ModelName name) {
        return directory.resolve(name.value() + ".json");
    }

    /** Registration commit to model.yaml document, as cached; empty when there is no usable cache. */
    Map<ObjectId, Map<String, Object>> load(ModelName name) {
        Path file = file(name);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new HashMap<>();
        } catch (IOException e) {
            LOG.debug("version cache {} unreadable, rebuilding: {}", file, e.toString());
            return new HashMap<>();
        }
        try {
            Map<String, Object> doc = Json.readObject(text, file.toString());
            if (!Integer.valueOf(FORMAT).equals(doc.get("format")) || !name.value().equals(doc.get("model"))
                    || !(doc.get("versions") instanceof Map<?, ?> versions)) {
                return new HashMap<>();
            }
            Map<ObjectId, Map<String, Object>> out = new HashMap<>();
            for (Map.Entry<?, ?> e : versions.entrySet()) {
                if (e.getKey() instanceof String id && ObjectId.isId(id) && e.getValue() instanceof Map<?, ?> m) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> entry = (Map<String, Object>) m;
                    out.put(ObjectId.fromString(id), entry);
                }
            }
            return out;
        } catch (CorruptMetadataException | RuntimeException e) {
            LOG.debug("version cache {} unusable, rebuilding: {}", file, e.getMessage());
            return new HashMap<>();
        }
    }

    /** Removes the model's cache file, if any. */
    void drop(ModelName name) {
        try {
            Files.deleteIfExists(file(name));
        } catch (IOException e) {
            LOG.warn("cannot remove the version cache {}: {}; remove it by hand", file(name), e.getMessage());
        }
    }

    /** Replaces the model's cache with {@code entries}; best effort (a read-only repository just has no cache). */
    void store(ModelName name, Map<ObjectId, Map<String, Object>> entries) {
        Path file = file(name);
        Path tmp = null;
        try {
            Files.createDirectories(directory);
            tmp = Files.createTempFile(directory, name.value() + ".", ".tmp");
            String json = Json.write(g -> {
                g.writeStartObject();
                g.writeNumberField("format", FORMAT);
                g.writeStringField("model", name.value());
                g.writeObjectFieldStart("versions");
                for (Map.Entry<ObjectId, Map<String, Object>> e : entries.entrySet()) {
                    g.writeFieldName(e.getKey().name());
                    value(g, e.getValue());
                }
                g.writeEndObject();
                g.writeEndObject();
            });
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            readableByOthers(tmp);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("version cache {} not written: {}", file, e.toString());
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stray temporary file is harmless
                }
            }
        }
    }

    /**
     * A temporary file is made readable by its owner only; the cache is as readable as the rest of
     * the git directory, so that the other users of a shared registry can use it too.
     */
    private static void readableByOthers(Path file) {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: its default permissions apply
        }
    }

    private static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) {
                value(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Float f) {
            g.writeNumber(f);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof java.math.BigInteger b) {
            g.writeNumber(b);
        } else {
            g.writeString(v.toString());
        }
    }
}
