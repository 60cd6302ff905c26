package io.gitmodel.registry.internal.stage;

import io.gitmodel.registry.EventAction;
import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.StageName;
import io.gitmodel.registry.errors.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The commit message of a stage change: a subject, the reason, and trailers git can read
 * ({@code git log --format=%(trailers)}):
 * <pre>
 * promote fraud@v3 to production
 *
 * offline eval passed
 *
 * Action: promote
 * Stage: production
 * Model: fraud
 * Version: 3
 * Previous-Version: 2
 * Reason: offline eval passed
 * Approved-by: Bo Reviewer &lt;bo@example.com&gt;
 * </pre>
 * A release repeats Model, Version and Previous-Version per model. {@code none} stands for "no version".
 */
public record StageMessage(EventAction action, StageName stage, List<Entry> entries, String reason, List<String> approvedBy) {
    /** One model's change: version 0 means none. */
    public record Entry(ModelName model, int version, int previousVersion) {
        /** The version the change is about: the one that entered, or for a removal the one that left. */
        public int subject() {
            return version > 0 ? version : previousVersion;
        }
    }

    public StageMessage {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(stage, "stage");
        entries = List.copyOf(entries);
        approvedBy = List.copyOf(approvedBy);
    }

    public String format() {
        StringBuilder subject = new StringBuilder(action.word()).append(' ');
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            subject.append(i == 0 ? "" : ", ").append(e.model()).append('@')
                    .append(e.version() > 0 ? "v" + e.version() : "v" + e.previousVersion());
        }
        subject.append(action.removes() ? " from " : " to ").append(stage);
        StringBuilder m = new StringBuilder(subject).append("\n\n").append(reason.strip()).append("\n\n");
        m.append("Action: ").append(action).append('\n');
        m.append("Stage: ").append(stage).append('\n');
        for (Entry e : entries) {
            m.append("Model: ").append(e.model()).append('\n');
            m.append("Version: ").append(e.version() > 0 ? e.version() : "none").append('\n');
            m.append("Previous-Version: ").append(e.previousVersion() > 0 ? e.previousVersion() : "none").append('\n');
        }
        m.append("Reason: ").append(oneLine(reason)).append('\n');
        approvedBy.forEach(a -> m.append("Approved-by: ").append(a).append('\n'));
        return m.toString();
    }

    /**
     * Parses the trailers of a stage commit message; null if it is not one (no trailers, an
     * unknown action, an invalid stage or model name).
     */
    public static StageMessage parse(String message) {
        String[] paragraphs = message.strip().split("\n\\s*\n");
        String last = paragraphs[paragraphs.length - 1];
        String action = null;
        String stage = null;
        String reason = "";
        List<Entry> entries = new ArrayList<>();
        List<String> approvals = new ArrayList<>();
        String model = null;
        int version = 0;
        for (String line : last.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon <= 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 2).trim();
            switch (key) {
                case "Action" -> action = value;
                case "Stage" -> stage = value;
                case "Model" -> model = value;
                case "Version" -> version = number(value);
                case "Previous-Version" -> {
                    if (model != null) {
                        ModelName name = name(model);
                        if (name != null) { // an entry naming no valid model is not one of ours; the others still are
                            entries.add(new Entry(name, version, number(value)));
                        }
                        model = null;
                        version = 0;
                    }
                }
                case "Reason" -> reason = value;
                case "Approved-by" -> approvals.add(value);
                default -> {
                    // other trailers (Signed-off-by, ...) are not ours
                }
            }
        }
        Optional<EventAction> known = action == null ? Optional.empty() : EventAction.fromWord(action);
        if (known.isEmpty() || known.get() == EventAction.REGISTER || stage == null || entries.isEmpty()) {
            return null;
        }
        StageName stageName;
        try {
            stageName = StageName.of(stage);
        } catch (InvalidInputException notAStage) {
            return null;
        }
        if (paragraphs.length >= 3) {
            reason = String.join("\n\n", java.util.Arrays.asList(paragraphs).subList(1, paragraphs.length - 1)).strip();
        }
        return new StageMessage(known.get(), stageName, entries, reason, approvals);
    }

    /**
     * Whether a message carries the trailers of a stage change ({@code Action:} and {@code Stage:}),
     * whether or not {@link #parse} can read them: a commit that claims to be a stage change but
     * cannot be read must not be mistaken for one that is not.
     */
    public static boolean claimsStageChange(String message) {
        String[] paragraphs = message.strip().split("\n\\s*\n");
        String last = paragraphs[paragraphs.length - 1];
        return last.lines().anyMatch(l -> l.startsWith("Action: ")) && last.lines().anyMatch(l -> l.startsWith("Stage: "));
    }

    private static ModelName name(String text) {
        try {
            return ModelName.of(text);
        } catch (InvalidInputException notAName) {
            return null;
        }
    }

    private static int number(String value) {
        return value.matches("[1-9][0-9]{0,8}") ? Integer.parseInt(value) : 0;
    }

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s*\n\\s*", " ");
    }
}
