package io.gitmodel.registry.internal.store;

import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.internal.format.DeletedYaml;
import io.gitmodel.registry.internal.format.ModelYaml;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Version numbers as the registry branch records them: the version a model's model.yaml
 * describes, the numbers deleted.yaml keeps from reuse, the highest number ever given and the
 * next one. Numbers are never given out twice.
 */
public final class VersionNumbering {
    private final RegistryReader reader;

    VersionNumbering(RegistryReader reader) {
        this.reader = reader;
    }

    /**
     * The number the next version of {@code name} gets on top of {@code head}: one more than the
     * highest the branch records (its model.yaml and deleted.yaml, given as read from the head), and
     * past any version tag made outside the branch. Looks up single tags, never lists them all.
     */
    public int nextVersion(ModelName name, ObjectId head, Map<String, byte[]> headFiles) throws RegistryException {
        int number = 1;
        byte[] yaml = headFiles.get(RegistryLayout.modelYaml(name));
        if (yaml != null) {
            String file = reader.branch() + ":" + RegistryLayout.modelYaml(name);
            number = ModelYaml.read(new String(yaml, StandardCharsets.UTF_8), file, head.name()).version() + 1;
        }
        byte[] deleted = headFiles.get(DeletedYaml.FILE);
        if (deleted != null) {
            number = Math.max(number, DeletedYaml.highest(DeletedYaml.read(new String(deleted, StandardCharsets.UTF_8),
                    reader.branch() + ":" + DeletedYaml.FILE), name) + 1);
        }
        while (reader.versionTag(name, number) != null) {
            number++; // a tag the branch does not know (made by hand): its number is taken too
        }
        return number;
    }

    /**
     * The highest version number ever given to a model: from its tags, the branch head's
     * model.yaml and the head's {@code deleted.yaml} (numbers are never given out again).
     */
    public int highestVersion(ModelName name, ObjectId head) throws RegistryException {
        int fromHead = Math.max(currentVersion(name, head), DeletedYaml.highest(deleted(head), name));
        java.util.TreeSet<Integer> numbers = reader.versionNumbers(name);
        return Math.max(fromHead, numbers.isEmpty() ? 0 : numbers.last());
    }

    /** The version the model.yaml at {@code commit} describes; 0 if the commit has none. */
    public int currentVersion(ModelName name, ObjectId commit) throws RegistryException {
        Optional<byte[]> current = reader.readFile(commit, RegistryLayout.modelYaml(name));
        if (current.isEmpty()) {
            return 0;
        }
        String file = reader.branch() + ":" + RegistryLayout.modelYaml(name);
        return ModelYaml.read(new String(current.get(), StandardCharsets.UTF_8), file, commit.name()).version();
    }

    /** The versions {@code deleted.yaml} at {@code commit} records; empty if there is none. */
    public List<DeletedYaml.Entry> deleted(ObjectId commit) throws RegistryException {
        if (commit == null) {
            return List.of();
        }
        Optional<byte[]> file = reader.readFile(commit, DeletedYaml.FILE);
        if (file.isEmpty()) {
            return List.of();
        }
        return DeletedYaml.read(new String(file.get(), StandardCharsets.UTF_8), reader.branch() + ":" + DeletedYaml.FILE);
    }
}
