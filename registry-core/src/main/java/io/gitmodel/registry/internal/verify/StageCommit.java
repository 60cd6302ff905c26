package io.gitmodel.registry.internal.verify;

import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.StageName;
import io.gitmodel.registry.errors.CorruptMetadataException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.internal.stage.StageFile;
import io.gitmodel.registry.internal.stage.StageMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * One commit of a stage branch as verification reads it: what kind of commit it is, what its
 * trailers say, and what it changed in the stage files (against its first parent).
 *
 * @param kind a stage change, an approval, the merge of a request, or a commit git-model did not make
 * @param message the trailers of a change (null unless {@link Kind#CHANGE})
 * @param approves for an approval, the id of the change it approves
 * @param deltas what the commit changed, per model file: the versions held before and after
 * @param otherFiles files it changed that are no model's stage file, or that cannot be read
 */
record StageCommit(RevCommit commit, StageName stage, Kind kind, StageMessage message, String approves,
        Map<ModelName, Delta> deltas, List<String> otherFiles) {
    /** What kind of commit. */
    public enum Kind {
        /** A stage change: trailers saying Action, Stage and per model Version and Previous-Version. */
        CHANGE,
        /** The empty first commit of a stage branch opened for a request: trailer {@code Opens-Stage: <stage>}. */
        OPEN,
        /** An approval: no file changed, trailer {@code Approves: <change commit>}. */
        APPROVAL,
        /** The merge of a promotion request: two parents, the second the request's tip. */
        MERGE,
        /** Anything else: a commit made by hand, without the trailers of a change. */
        FOREIGN
    }

    /** What a commit did to one model's stage file. */
    public record Delta(List<Integer> before, List<Integer> after) {
        public Delta {
            before = List.copyOf(before);
            after = List.copyOf(after);
        }
    }

    private static final Pattern APPROVES = Pattern.compile("(?m)^Approves: ([0-9a-f]{40})\\s*$");
    private static final Pattern OPENS = Pattern.compile("(?m)^Opens-Stage: [a-z][a-z0-9_-]*\\s*$");

    /** Reads a commit of the stage branch of {@code stage}. */
    static StageCommit read(Repository repo, RevWalk walk, StageName stage, RevCommit c) throws RegistryException {
        try {
            walk.parseBody(c);
            RevCommit parent = c.getParentCount() == 0 ? null : walk.parseCommit(c.getParent(0));
            Map<ModelName, Delta> deltas = new LinkedHashMap<>();
            List<String> other = new ArrayList<>();
            diff(repo, stage, parent, c, deltas, other);
            String text = c.getFullMessage();
            Matcher approval = APPROVES.matcher(text);
            Kind kind;
            StageMessage message = null;
            String approves = null;
            if (c.getParentCount() > 1) {
                kind = Kind.MERGE;
            } else if (OPENS.matcher(text).find()) {
                kind = Kind.OPEN;
            } else if (approval.find() && StageMessage.parse(text) == null) {
                kind = Kind.APPROVAL;
                approves = approval.group(1);
            } else {
                message = StageMessage.parse(text);
                kind = message == null ? Kind.FOREIGN : Kind.CHANGE;
            }
            return new StageCommit(c, stage, kind, message, approves, deltas, other);
        } catch (IOException e) {
            throw new RegistryIOException("cannot read stage commit " + c.name() + " of stages/" + stage, e);
        }
    }

    /** The change this commit's id names, for messages: {@code 1a2b3c4d5e6f}. */
    public String shortId() {
        return commit.abbreviate(12).name();
    }

    /** The id an approval of this change must name. */
    public String id() {
        return commit.name();
    }

    private static void diff(Repository repo, StageName stage, RevCommit parent, RevCommit c, Map<ModelName, Delta> deltas,
            List<String> other) throws IOException, CorruptMetadataException {
        try (ObjectReader reader = repo.newObjectReader(); TreeWalk tw = new TreeWalk(reader)) {
            if (parent == null) {
                tw.addTree(new org.eclipse.jgit.treewalk.EmptyTreeIterator());
            } else {
                tw.addTree(parent.getTree());
            }
            tw.addTree(c.getTree());
            tw.setRecursive(true);
            tw.setFilter(org.eclipse.jgit.treewalk.filter.TreeFilter.ANY_DIFF);
            while (tw.next()) {
                String path = tw.getPathString();
                Optional<ModelName> model = modelOf(path);
                if (model.isEmpty()) {
                    other.add(path);
                    continue;
                }
                try {
                    deltas.put(model.get(), new Delta(versions(reader, tw.getObjectId(0), stage, path),
                            versions(reader, tw.getObjectId(1), stage, path)));
                } catch (CorruptMetadataException e) {
                    other.add(path + " (" + e.getMessage() + ")");
                }
            }
        }
    }

    private static List<Integer> versions(ObjectReader reader, ObjectId blob, StageName stage, String path)
            throws IOException, CorruptMetadataException {
        if (blob.equals(ObjectId.zeroId())) {
            return List.of();
        }
        String text = new String(reader.open(blob).getCachedBytes(1 << 20), StandardCharsets.UTF_8);
        StageFile file = StageFile.read(text, "stages/" + stage + ":" + path);
        return file.versions();
    }

    /** The model whose stage file this is, if it is one. */
    static Optional<ModelName> modelOf(String path) {
        if (!path.endsWith(".yaml") || path.contains("/")) {
            return Optional.empty();
        }
        try {
            return Optional.of(ModelName.of(path.substring(0, path.length() - ".yaml".length())));
        } catch (IllegalArgumentException notAModel) {
            return Optional.empty();
        }
    }
}
