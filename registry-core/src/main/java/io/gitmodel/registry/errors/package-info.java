/** Exceptions thrown by the registry: one checked hierarchy rooted at {@link io.gitmodel.registry.errors.RegistryException}, plus unchecked {@link io.gitmodel.registry.errors.InvalidInputException}s for bad input. */
package io.gitmodel.registry.errors;
