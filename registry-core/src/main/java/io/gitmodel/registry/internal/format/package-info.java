/**
 * Format 1 of the registry files, field by field.
 *
 * <p><b>registry.yaml</b> (root of the registry branch): {@code format} (integer, required, 1),
 * {@code stages} (stage name to its rules), {@code policy}. Unknown keys are kept.
 *
 * <p><b>models/&lt;name&gt;/model.yaml</b>: {@code name} (required, equals the directory name),
 * {@code version} (required, positive integer, equals the tag's number), {@code description},
 * {@code created} (required, UTC ISO-8601 instant), {@code created_by} (required,
 * {@code Name <email>}), {@code metrics} (name to finite number), {@code params} (name to
 * scalar), {@code tags} (name to string), {@code lineage} ({@code datasets}: list of
 * {@code uri}/{@code digest}; {@code code}: {@code repository}/{@code commit}/{@code dirty};
 * {@code parents}: list of {@code <name>@v<N>}; {@code environment}: {@code runtime}/{@code os}/
 * {@code arch}/{@code libraries}), {@code artifacts} (list of {@code path}/{@code oid}
 * ({@code sha256:<hex>})/{@code size}/{@code media_type}). Unknown keys at the top level and in
 * {@code lineage} are kept on round trip.
 *
 * <p><b>models/&lt;name&gt;/artifacts/&lt;path&gt;</b>: Git LFS pointer files, spec v1.
 *
 * <p>The user-facing description is {@code docs/FORMAT.md}; keep both in step.
 */
package io.gitmodel.registry.internal.format;
