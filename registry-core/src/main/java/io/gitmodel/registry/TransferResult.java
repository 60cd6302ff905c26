package io.gitmodel.registry;

import java.util.List;

/**
 * What a push, fetch or pull moved.
 *
 * @param remote the remote
 * @param refs the refs created or updated (on the remote for a push, locally for a fetch or pull)
 * @param objects artifact objects transferred
 * @param bytes artifact bytes transferred
 * @param renumbered local versions that got new numbers because the remote had taken theirs (the old number is given up)
 * @param replayed local stage changes made again on top of the remote's stage history, as one-line
 *     descriptions ({@code promote fraud@v6 to staging}); see {@link PullCommand#replayStageChanges}
 */
public record TransferResult(String remote, List<String> refs, int objects, long bytes, List<Renumbering> renumbered,
        List<String> replayed) {
    public TransferResult {
        refs = List.copyOf(refs);
        renumbered = List.copyOf(renumbered);
        replayed = List.copyOf(replayed);
    }

    /** A result with nothing replayed. */
    public TransferResult(String remote, List<String> refs, int objects, long bytes, List<Renumbering> renumbered) {
        this(remote, refs, objects, bytes, renumbered, List.of());
    }
}
