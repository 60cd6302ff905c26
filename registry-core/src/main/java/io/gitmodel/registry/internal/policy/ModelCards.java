package io.gitmodel.registry.internal.policy;

import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.errors.RegistryException;

/**
 * Whether a version has a model card: a gate may name {@code model_card}, and only whoever holds
 * the registry's files can tell, so the caller of {@link PolicyEvaluator} answers.
 */
@FunctionalInterface
public interface ModelCards {
    /** Whether the version has a model card ({@code models/<name>/README.md} in its commit). */
    boolean present(ModelVersion version) throws RegistryException;
}
