package io.gitmodel.registry.internal.index;

import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.internal.store.RegistryReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;

/**
 * What verify asks of the index: that its checksum holds, and that it says what an index built
 * from nothing at the same tips says (versions by number and commit, what each stage holds, the
 * declared stages). The documents are compared by the version audit, which reads every version anyway.
 */
final class IndexCheck {
    private final RegistryIndex index;
    private final IndexStore store;
    private final RegistryReader reader;

    IndexCheck(RegistryIndex index, IndexStore store, RegistryReader reader) {
        this.index = index;
        this.store = store;
        this.reader = reader;
    }

    /** The differences found (empty: none, or no current index to check). */
    List<String> run() {
        List<String> out = new ArrayList<>();
        try {
            IndexFile file = index.loadedForCheck();
            if (file == null) {
                return out;
            }
            if (!file.checksumMatches()) {
                out.add("its checksum does not match its content");
                return out;
            }
            IndexData have = file.toData();
            IndexData fresh = new IndexBuilder(index.repository(), reader).build(null, have.key(), have.docsGeneration());
            if (!Objects.equals(have.policyBlob(), fresh.policyBlob()) || !have.declaredStages().equals(fresh.declaredStages())) {
                out.add("it records other stage declarations than registry.yaml");
            }
            if (!have.policyCommits().equals(fresh.policyCommits())) {
                out.add("it records other changes of registry.yaml than the registry branch's history");
            }
            for (String model : union(have, fresh)) {
                ModelEntry a = have.models().get(model);
                ModelEntry b = fresh.models().get(model);
                if (!commits(a).equals(commits(b))) {
                    out.add("it records versions " + commits(a).keySet() + " of " + model + ", the tags say " + commits(b).keySet());
                } else if (!held(a).equals(held(b))) {
                    out.add("it says the stages hold " + held(a) + " of " + model + ", the stage branches say " + held(b));
                }
            }
        } catch (IOException | RegistryException | RuntimeException e) {
            out.add("it cannot be read: " + e.getMessage());
        }
        return out;
    }

    private static List<String> union(IndexData a, IndexData b) {
        TreeMap<String, Boolean> names = new TreeMap<>();
        a.models().keySet().forEach(n -> names.put(n, true));
        b.models().keySet().forEach(n -> names.put(n, true));
        return new ArrayList<>(names.keySet());
    }

    private static Map<Integer, ObjectId> commits(ModelEntry e) {
        Map<Integer, ObjectId> out = new TreeMap<>();
        if (e != null) {
            e.versions().forEach((n, v) -> out.put(n, v.commit()));
        }
        return out;
    }

    private static Map<String, List<Integer>> held(ModelEntry e) {
        return e == null ? Map.of() : e.held();
    }
}
