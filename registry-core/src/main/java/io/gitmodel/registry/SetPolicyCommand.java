package io.gitmodel.registry;

import io.gitmodel.registry.errors.CorruptMetadataException;
import io.gitmodel.registry.errors.InvalidValueException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.UnsupportedFormatException;
import io.gitmodel.registry.internal.format.RegistryYaml;
import java.util.Map;
import java.util.Objects;

/**
 * Replaces registry.yaml with a new document (stages, gates, approvals, principals, admins), kept
 * as given (comments too), as one signed commit on the registry branch, governed like every policy change: the document is
 * read as every reader will read it first, and once the team is declared only an admin of the
 * policy in force may sign it.
 */
public final class SetPolicyCommand extends PolicyChangeCommand<SetPolicyCommand> {
    private final String text;

    SetPolicyCommand(Registry registry, String registryYaml) {
        super(registry);
        this.text = Objects.requireNonNull(registryYaml, "registryYaml");
    }

    @Override
    Map<String, Object> change(Map<String, Object> doc, RegistryPolicy policy) throws RegistryException {
        try {
            return RegistryYaml.read(text, RegistryYaml.FILE);
        } catch (CorruptMetadataException | UnsupportedFormatException e) {
            throw new InvalidValueException("the new registry.yaml is not valid: " + e.getMessage() + "; nothing was changed");
        }
    }

    /** The document as given, comments and layout kept (it is read as every reader will read it before it is written). */
    @Override
    String newText(Map<String, Object> doc, RegistryPolicy policy) throws RegistryException {
        change(doc, policy);
        return text.endsWith("\n") ? text : text + "\n";
    }

    @Override
    String subject() {
        return "Change registry.yaml";
    }
}
