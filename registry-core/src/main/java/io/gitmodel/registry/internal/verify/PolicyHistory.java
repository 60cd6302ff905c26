package io.gitmodel.registry.internal.verify;

import io.gitmodel.registry.RegistryPolicy;
import io.gitmodel.registry.errors.CorruptMetadataException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.errors.UnsupportedFormatException;
import io.gitmodel.registry.internal.format.PolicyYaml;
import io.gitmodel.registry.internal.format.RegistryYaml;
import io.gitmodel.registry.internal.policy.ModelCards;
import io.gitmodel.registry.internal.policy.PolicyEvaluator;
import io.gitmodel.registry.internal.sign.CommitVerifier;
import io.gitmodel.registry.internal.store.FirstParentChanges;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Every registry.yaml the registry branch has had, oldest first, so that a stage change is judged
 * under the policy in force when it was made: a policy made stricter today (two approvals for
 * production) does not make yesterday's promotion invalid, and what production serves stays
 * trusted. Signatures are checked against the team's keys as they are now: a key removed later
 * is revoked from that time on, so what it signed before still verifies.
 */
public final class PolicyHistory {
    /** Makes the verifier for a policy (the team's keys, or git's own configuration without a team). */
    @FunctionalInterface
    public interface Verifiers {
        CommitVerifier of(RegistryPolicy policy, ObjectId blob) throws RegistryException;
    }

    /**
     * One registry.yaml of the branch's history.
     *
     * @param commit the registry-branch commit that made it
     * @param blob its blob id
     * @param policy what it says, or null when it cannot be read ({@code error} says why)
     */
    public record Change(RevCommit commit, ObjectId blob, RegistryPolicy policy, String error) {
        public Instant at() {
            return commit.getCommitterIdent().getWhenAsInstant();
        }
    }

    /** A policy with what judging under it takes: the rules, the signature checks. */
    public record Regime(RegistryPolicy policy, CommitVerifier verifier, PolicyEvaluator evaluator) {
    }

    private final List<Change> changes;
    private final Regime current;
    private final Verifiers verifiers;
    private final ModelCards cards;
    private final Map<ObjectId, Regime> regimes = new HashMap<>();

    private PolicyHistory(List<Change> changes, Regime current, Verifiers verifiers, ModelCards cards) {
        this.changes = changes;
        this.current = current;
        this.verifiers = verifiers;
        this.cards = cards;
    }

    /** Reads the registry.yaml history of the registry branch whose head is {@code head}; {@code current} is the one in force. */
    public static PolicyHistory read(Repository repo, ObjectId head, RegistryPolicy current, ObjectId currentBlob,
            Verifiers verifiers, ModelCards cards) throws RegistryException {
        List<Change> changes = new ArrayList<>();
        if (head != null) {
            try (RevWalk walk = new RevWalk(repo)) {
                walk.setFirstParent(true);
                walk.setRevFilter(new FirstParentChanges(RegistryYaml.FILE));
                walk.markStart(walk.parseCommit(head));
                for (RevCommit c : walk) {
                    changes.add(0, read(repo, walk, c));
                }
            } catch (IOException e) {
                throw new RegistryIOException("cannot read the history of " + RegistryYaml.FILE, e);
            }
        }
        Regime now = new Regime(current, verifiers.of(current, currentBlob), new PolicyEvaluator(current, cards));
        PolicyHistory history = new PolicyHistory(List.copyOf(changes), now, verifiers, cards);
        if (currentBlob != null) {
            history.regimes.put(currentBlob, now);
        }
        return history;
    }

    private static Change read(Repository repo, RevWalk walk, RevCommit c) throws IOException {
        walk.parseBody(c);
        try (TreeWalk tw = TreeWalk.forPath(repo, RegistryYaml.FILE, c.getTree())) {
            if (tw == null) {
                return new Change(c, null, null, RegistryYaml.FILE + " was deleted");
            }
            ObjectId blob = tw.getObjectId(0);
            String text = new String(repo.open(blob).getCachedBytes(1 << 20), StandardCharsets.UTF_8);
            String file = c.abbreviate(12).name() + ":" + RegistryYaml.FILE;
            try {
                return new Change(c, blob, PolicyYaml.read(RegistryYaml.read(text, file), file), null);
            } catch (CorruptMetadataException | UnsupportedFormatException e) {
                return new Change(c, blob, null, e.getMessage());
            }
        }
    }

    /** The registry.yaml changes, oldest first. */
    public List<Change> changes() {
        return changes;
    }

    /** The policy in force now. */
    public Regime current() {
        return current;
    }

    /**
     * The policy in force at {@code when}: the newest readable registry.yaml committed at or
     * before it (the oldest one for anything dated earlier).
     */
    public Regime at(Instant when) throws RegistryException {
        Change chosen = null;
        for (Change c : changes) {
            if (c.policy() == null) {
                continue;
            }
            if (chosen == null || !c.at().isAfter(when)) {
                chosen = c;
            }
            if (c.at().isAfter(when)) {
                break;
            }
        }
        if (chosen == null) {
            return current;
        }
        Regime known = regimes.get(chosen.blob());
        if (known != null) {
            return known;
        }
        RegistryPolicy p = chosen.policy();
        // with a team now and then, the team's keys as they are now (removed keys stay, revoked from their time)
        CommitVerifier verifier = p.declaresPrincipals() && current.policy().declaresPrincipals() ? current.verifier()
                : verifiers.of(p, chosen.blob());
        Regime regime = new Regime(p, verifier, new PolicyEvaluator(p, cards));
        regimes.put(chosen.blob(), regime);
        return regime;
    }
}
