/**
 * The git-model library: {@link io.gitmodel.registry.Registry} and its commands and values.
 * Everything public outside {@code internal} packages is API.
 */
package io.gitmodel.registry;
