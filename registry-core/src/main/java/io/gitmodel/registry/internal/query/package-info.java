/**
 * The read side of a registry: resolve references, list models and versions, what the stages
 * hold (now or at an instant), and the history of a model or a stage, computed from the
 * registry branch, the version tags and the stage branches.
 */
package io.gitmodel.registry.internal.query;
