package io.gitmodel.registry.internal.policy;

/** The kinds of rule a stage change can break. */
public enum Rule {
    /** The stage must be declared in registry.yaml. */
    DECLARED,
    /** Stage commits must be signed ({@code signed}, {@code signing.required}). */
    SIGNED,
    /** A version must have been in the required stage first ({@code requires}). */
    REQUIRES,
    /** A metric, parameter or tag condition ({@code gates}). */
    GATE,
    /** The stage needs approvals by allowed signers ({@code approvals}); a direct change cannot carry them. */
    APPROVALS,
    /** An archived version enters no other stage until it is restored. */
    NOT_ARCHIVED,
    /** Versions enter the archive only through archive, which checks they left service. */
    ARCHIVE_THROUGH_ARCHIVE,
    /** A version still held by a single-slot stage is in service and cannot be archived. */
    IN_SERVICE,
    /** The action needs a single-slot stage (rollback, release). */
    SINGLE_SLOT,
    /** The action needs a multi-valued stage (the archive). */
    MULTI_VALUED,
    /** The stage already holds what the change would put there. */
    ALREADY_HELD,
    /** The stage does not hold what the change would take out. */
    NOT_HELD,
    /** A version that was ever in a stage is kept forever: archived, never deleted. */
    NEVER_DELETED
}
