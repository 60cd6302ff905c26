package io.gitmodel.cli;

import io.gitmodel.registry.TransferResult;
import java.util.ArrayList;
import java.util.List;

/** What a push or pull changed, in words: versions, stages, requests and the bytes moved. */
final class TransferSummary {
    private TransferSummary() {
    }

    /**
     * e.g. {@code 2 new versions (fraud@v3, churn@v1), stages production and staging changed,
     * 1 artifact object (4.0 MiB)}; {@code nothing new} when no ref moved.
     */
    static String describe(TransferResult r, boolean pull) {
        List<String> versions = new ArrayList<>();
        List<String> stages = new ArrayList<>();
        List<String> requests = new ArrayList<>();
        boolean registry = false;
        for (String ref : r.refs()) {
            if (ref.startsWith("refs/tags/")) {
                versions.add(ref.substring("refs/tags/".length()));
            } else if (ref.startsWith("refs/heads/stages/")) {
                stages.add(ref.substring("refs/heads/stages/".length()));
            } else if (ref.startsWith("refs/heads/requests/")) {
                requests.add(ref.substring("refs/heads/".length()));
            } else if (ref.startsWith("refs/heads/")) {
                registry = true;
            }
        }
        List<String> parts = new ArrayList<>();
        if (!versions.isEmpty()) {
            parts.add(versions.size() + " new version" + (versions.size() == 1 ? "" : "s") + " (" + list(versions) + ")");
        }
        if (!r.renumbered().isEmpty()) {
            parts.add(r.renumbered().size() + " renumbered");
        }
        if (!stages.isEmpty()) {
            parts.add("stage" + (stages.size() == 1 ? " " : "s ") + String.join(", ", stages) + " changed");
        }
        if (!r.replayed().isEmpty()) {
            parts.add(r.replayed().size() + " stage change" + (r.replayed().size() == 1 ? "" : "s") + " made again on top");
        }
        if (!requests.isEmpty()) {
            parts.add("request" + (requests.size() == 1 ? " " : "s ") + String.join(", ", requests));
        }
        if (registry && versions.isEmpty()) {
            parts.add("the registry branch " + (pull ? "updated" : "pushed"));
        }
        parts.add(r.objects() + " artifact object" + (r.objects() == 1 ? "" : "s") + " (" + Sizes.human(r.bytes()) + ")");
        return r.refs().isEmpty() && r.objects() == 0 ? "nothing new" : String.join(", ", parts);
    }

    private static String list(List<String> items) {
        return items.size() <= 5 ? String.join(", ", items) : String.join(", ", items.subList(0, 5)) + ", ...";
    }
}
