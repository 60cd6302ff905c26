/**
 * Exchanging registries with remotes, step by step: what a push, pull, fetch or clone does and
 * in which order (refs fetched, artifacts moved and verified, the registry branch, tags and stage
 * branches integrated, all local refs moved in one atomic update). The wire protocols it drives
 * are in {@code internal.transport}; the store and stage operations it composes are in
 * {@code internal.store} and {@code internal.stage}.
 */
package io.gitmodel.registry.internal.sync;
