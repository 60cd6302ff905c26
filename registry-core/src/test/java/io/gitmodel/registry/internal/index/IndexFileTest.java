package io.gitmodel.registry.internal.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;

/** The index file says back what was written, finds models by binary search, and refuses damage. */
class IndexFileTest {
    private static ObjectId id(int n) {
        return ObjectId.fromString(String.format("%040x", n + 1));
    }

    private static IndexData sample(int models, int versions) {
        TreeMap<String, ModelEntry> all = new TreeMap<>();
        for (int m = 0; m < models; m++) {
            TreeMap<Integer, VersionEntry> vs = new TreeMap<>();
            for (int v = 1; v <= versions; v++) {
                vs.put(v, v % 2 == 0 ? VersionEntry.withoutDoc(v, id(m * 1000 + v))
                        : new VersionEntry(v, id(m * 1000 + v), 16 + v * 100L, 90, v * 31));
            }
            TreeMap<String, List<Integer>> held = new TreeMap<>();
            if (m % 3 == 0) {
                held.put("production", List.of(versions));
                held.put("archived", List.of(1, 2));
            }
            all.put("model-" + m, new ModelEntry("model-" + m, vs, held));
        }
        all.put("only-staged", new ModelEntry("only-staged", new TreeMap<>(), new TreeMap<>(Map.of("staging", List.of(4)))));
        IndexKey key = new IndexKey(id(7), new TreeMap<>(Map.of("production", id(8), "archived", id(9), "staging", id(10))));
        return new IndexData(key, id(11), List.of("staging", "production", "archived"), List.of(id(12), id(13)), 42L, all);
    }

    @Test
    void whatIsWrittenReadsBack() throws Exception {
        IndexData data = sample(50, 12);
        IndexFile file = IndexFile.of(IndexFile.encode(data));
        assertEquals(data.key(), file.key());
        assertEquals(data.policyBlob(), file.policyBlob());
        assertEquals(data.declaredStages(), file.declaredStages());
        assertEquals(data.policyCommits(), file.policyCommits());
        assertEquals(42L, file.docsGeneration());
        assertEquals(data.models(), file.toData().models());
        for (ModelEntry e : data.models().values()) {
            assertEquals(e, file.model(e.name()), e.name());
        }
        assertNull(file.model("model-"), "no such model");
        assertNull(file.model("zzz"));
        assertEquals(List.of(4), file.heldByModel().get("only-staged").get("staging"));
        assertFalse(file.modelNames(true).contains("only-staged"), "a model with no versions is no model");
        assertTrue(file.modelNames(false).contains("only-staged"));
        assertTrue(file.checksumMatches());
    }

    @Test
    void damageIsRefusedOrCaughtByTheChecksum() throws Exception {
        byte[] good = IndexFile.encode(sample(5, 3));
        assertThrows(IndexFile.Corrupt.class, () -> IndexFile.of(Arrays.copyOf(good, good.length - 7)), "truncated");
        byte[] magic = good.clone();
        magic[0] = 'X';
        assertThrows(IndexFile.Corrupt.class, () -> IndexFile.of(magic));
        byte[] format = good.clone();
        format[7] = 9;
        assertThrows(IndexFile.Corrupt.class, () -> IndexFile.of(format), "a format this version does not read");
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x40;
        IndexFile damaged = IndexFile.of(flipped);
        assertFalse(damaged.checksumMatches(), "verify sees a flipped bit");
    }
}
