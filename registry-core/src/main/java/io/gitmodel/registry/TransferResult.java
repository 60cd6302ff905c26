package io.gitmodel.registry;

import java.util.List;

/**
 * What a push, fetch or pull moved.
 *
 * @param remote the remote
 * @param refs the refs created or updated (on the remote for a push, locally for a fetch or pull)
 * @param objects artifact objects transferred
 * @param bytes artifact bytes transferred
 * @param renumbered local versions that got new numbers because the remote had taken theirs ({@code old -> new})
 */
public record TransferResult(String remote, List<String> refs, int objects, long bytes, List<String> renumbered) {
    public TransferResult {
        refs = List.copyOf(refs);
        renumbered = List.copyOf(renumbered);
    }
}
