/**
 * Stage branches ({@code refs/heads/stages/<stage>}): the per-model stage files, the trailers of
 * stage commits, reading what a stage holds now, at an instant and ever, writing one stage
 * commit by compare-and-swap, and integrating the stage branches a pull brings.
 */
package io.gitmodel.registry.internal.stage;
