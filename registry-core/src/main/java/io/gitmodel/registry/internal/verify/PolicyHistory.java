package io.gitmodel.registry.internal.verify;

import io.gitmodel.registry.Principal;
import io.gitmodel.registry.RegistryPolicy;
import io.gitmodel.registry.SigningKey;
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
 * Every registry.yaml the registry branch has had, oldest first, and which of them are in force.
 *
 * <p>A change of registry.yaml is in force only if the policy it replaces allowed it: once a
 * policy names a team, only a signature by one of ITS admins (checked against ITS keys) can
 * replace it. A change nobody allowed, say a teammate adding themselves as admin with the plain
 * git CLI, is listed but never in force: stage changes are judged as if it had not been made.
 *
 * <p>A stage change is judged under the policy in force when it was made: a policy made stricter
 * today (two approvals for production) does not make yesterday's promotion invalid, and what
 * production serves stays trusted. Signatures of stage changes are checked against the team's keys
 * as the policy in force now has them: a key removed later is revoked from that time on, so what
 * it signed before still verifies.
 */
public final class PolicyHistory {
    /** Makes the verifier for a policy (the team's keys, or git's own configuration without a team). */
    @FunctionalInterface
    public interface Verifiers {
        /** @param inForce whether it is the policy in force now (its keys are the ones git is pointed at) */
        CommitVerifier of(RegistryPolicy policy, ObjectId blob, boolean inForce) throws RegistryException;
    }

    /**
     * One registry.yaml of the branch's history.
     *
     * @param commit the registry-branch commit that made it
     * @param blob its blob id (null if the commit deleted the file)
     * @param policy what it says, or null when it cannot be read
     * @param refusal why it is not in force (unreadable, or not allowed by the policy before it); null if it is
     */
    public record Change(RevCommit commit, ObjectId blob, RegistryPolicy policy, String refusal) {
        public Instant at() {
            return commit.getCommitterIdent().getWhenAsInstant();
        }

        /** Whether it is in force: readable, and allowed by the policy it replaced. */
        public boolean inForce() {
            return refusal == null;
        }
    }

    /** A policy with what judging under it takes: the rules, the signature checks. */
    public record Regime(RegistryPolicy policy, CommitVerifier verifier, PolicyEvaluator evaluator) {
    }

    private final List<Change> changes;
    private final Verifiers verifiers;
    private final ModelCards cards;
    private final Map<ObjectId, Regime> regimes = new HashMap<>();
    private Regime current;

    private PolicyHistory(List<Change> changes, Verifiers verifiers, ModelCards cards) {
        this.changes = changes;
        this.verifiers = verifiers;
        this.cards = cards;
    }

    /**
     * Reads the registry.yaml history of the registry branch whose head is {@code head}.
     *
     * @param fallback the policy when no change of registry.yaml is in force (none can be read)
     */
    public static PolicyHistory read(Repository repo, ObjectId head, RegistryPolicy fallback, Verifiers verifiers,
            ModelCards cards) throws RegistryException {
        return read(repo, head, null, fallback, verifiers, cards);
    }

    /**
     * As {@link #read(Repository, ObjectId, RegistryPolicy, Verifiers, ModelCards)}, with the
     * commits that changed registry.yaml on the first-parent line, oldest first, when they are
     * known (the registry index keeps them): then no history is walked.
     */
    public static PolicyHistory read(Repository repo, ObjectId head, List<ObjectId> changedAt, RegistryPolicy fallback,
            Verifiers verifiers, ModelCards cards) throws RegistryException {
        List<RevCommit> commits = new ArrayList<>();
        if (head != null && changedAt != null) {
            try (RevWalk walk = new RevWalk(repo)) {
                for (ObjectId id : changedAt) {
                    RevCommit c = walk.parseCommit(id);
                    walk.parseBody(c);
                    commits.add(c);
                }
            } catch (IOException e) {
                throw new RegistryIOException("cannot read the history of " + RegistryYaml.FILE, e);
            }
        } else if (head != null) {
            try (RevWalk walk = new RevWalk(repo)) {
                walk.setFirstParent(true);
                walk.setRevFilter(new FirstParentChanges(RegistryYaml.FILE));
                walk.markStart(walk.parseCommit(head));
                for (RevCommit c : walk) {
                    walk.parseBody(c);
                    commits.add(0, c);
                }
            } catch (IOException e) {
                throw new RegistryIOException("cannot read the history of " + RegistryYaml.FILE, e);
            }
        }
        List<Change> changes = new ArrayList<>();
        Change governing = null;
        for (RevCommit c : commits) {
            Change change = authorise(dated(repo, read(repo, c)), governing, verifiers);
            changes.add(change);
            if (change.inForce()) {
                governing = change;
            }
        }
        PolicyHistory history = new PolicyHistory(List.copyOf(changes), verifiers, cards);
        RegistryPolicy now = governing == null ? fallback : governing.policy();
        // signatures are checked against every key the team ever had, each trusted until it was revoked or dropped
        RegistryPolicy keyring = keyring(changes, now);
        history.current = new Regime(now, verifiers.of(keyring, governing == null ? null : governing.blob(), true),
                new PolicyEvaluator(now, cards));
        if (governing != null) {
            history.regimes.put(governing.blob(), history.current);
        }
        return history;
    }

    /**
     * Refused if dated well before the registry commit it follows: backdated, perhaps to before its
     * signer's key was revoked, or to before the policy it claims to follow.
     */
    private static Change dated(Repository repo, Change c) throws RegistryException {
        if (!c.inForce() || c.commit().getParentCount() == 0) {
            return c;
        }
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit parent = walk.parseCommit(c.commit().getParent(0));
            if (parent.getCommitTime() - (long) c.commit().getCommitTime() > ChangeJudge.MAX_CLOCK_SKEW_SECONDS) {
                return new Change(c.commit(), c.blob(), c.policy(), "it is dated " + c.at() + ", before the registry commit it"
                        + " follows (" + parent.getCommitterIdent().getWhenAsInstant() + "): backdated, so it is not in force");
            }
            return c;
        } catch (IOException e) {
            throw new RegistryIOException("cannot read the parent of " + c.commit().name(), e);
        }
    }

    /** A change read from its commit; refused if unreadable. */
    private static Change read(Repository repo, RevCommit c) throws RegistryException {
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
                return new Change(c, blob, null, RegistryYaml.FILE + " cannot be read (" + e.getMessage() + ")");
            }
        } catch (IOException e) {
            throw new RegistryIOException("cannot read " + RegistryYaml.FILE + " at " + c.name(), e);
        }
    }

    /**
     * Whether the policy in force before {@code c} (or, for the first one, {@code c}'s own, which
     * init signs as its first admin) allowed it: without a team, anyone; with one, its admins.
     */
    private static Change authorise(Change c, Change governing, Verifiers verifiers) throws RegistryException {
        if (!c.inForce()) {
            return c;
        }
        Change rules = governing == null ? c : governing;
        RegistryPolicy policy = rules.policy();
        if (!policy.declaresPrincipals()) {
            return c;
        }
        CommitVerifier.Verified v = verifiers.of(policy, rules.blob(), false).verify(c.commit());
        Principal who = v.principal() == null ? null : policy.principal(v.principal().name()).orElse(null);
        if (v.trusted() && who != null && policy.isAdmin(who)) {
            return c;
        }
        return new Change(c.commit(), c.blob(), c.policy(), "it is " + (!v.trusted() ? v.check().summary() + " ("
                + v.check().detail() + ")" : "signed by " + v.identity() + ", who is not an admin") + " of the policy it"
                + " replaces (admins: " + String.join(", ", policy.admins()) + "), so it is not in force");
    }

    /**
     * The policy in force now, with every key any policy in force ever named: a key dropped from
     * registry.yaml (rather than revoked with {@code signers remove}) counts as revoked when the
     * policy that dropped it came into force, so what its owner signed before still verifies.
     */
    private static RegistryPolicy keyring(List<Change> changes, RegistryPolicy now) {
        if (!now.declaresPrincipals()) {
            return now; // no team now: git's own signer configuration and signing.allowed_signers decide
        }
        Map<String, String> owner = new java.util.LinkedHashMap<>();
        Map<String, SigningKey> keys = new java.util.LinkedHashMap<>();
        for (Change c : changes) {
            if (!c.inForce() || !c.policy().declaresPrincipals()) {
                continue;
            }
            java.util.Set<String> named = new java.util.HashSet<>();
            for (Principal p : c.policy().principals()) {
                for (SigningKey k : p.keys()) {
                    named.add(k.fingerprint());
                    owner.put(k.fingerprint(), p.name());
                    keys.put(k.fingerprint(), k);
                }
            }
            for (Map.Entry<String, SigningKey> k : keys.entrySet()) {
                if (!named.contains(k.getKey()) && k.getValue().revoked() == null) {
                    // git dates have whole seconds: what was signed in the second of the drop still counts
                    k.setValue(k.getValue().revokedAt(c.at().plusSeconds(1)));
                }
            }
        }
        Map<String, List<SigningKey>> byPrincipal = new java.util.LinkedHashMap<>();
        now.principals().forEach(p -> byPrincipal.put(p.name(), new ArrayList<>()));
        keys.forEach((fingerprint, key) -> byPrincipal.computeIfAbsent(owner.get(fingerprint), n -> new ArrayList<>()).add(key));
        List<Principal> principals = new ArrayList<>();
        for (Map.Entry<String, List<SigningKey>> e : byPrincipal.entrySet()) {
            List<String> roles = now.principal(e.getKey()).map(Principal::roles).orElse(List.of());
            List<SigningKey> own = e.getValue().isEmpty() ? now.principal(e.getKey()).map(Principal::keys).orElse(List.of())
                    : e.getValue();
            principals.add(new Principal(e.getKey(), roles, own));
        }
        return principals.isEmpty() ? now : new RegistryPolicy(now.stages(), now.allowedSigners(), principals, now.admins());
    }

    /** The registry.yaml changes, oldest first, in force or not. */
    public List<Change> changes() {
        return changes;
    }

    /** The change of registry.yaml in force now, or null if none is. */
    public Change inForce() {
        for (int i = changes.size() - 1; i >= 0; i--) {
            if (changes.get(i).inForce()) {
                return changes.get(i);
            }
        }
        return null;
    }

    /** The policy in force now: the newest change of registry.yaml that was allowed. */
    public Regime current() {
        return current;
    }

    /**
     * The policy in force at {@code when}: the newest change in force committed at or before it
     * (the oldest one for anything dated earlier).
     */
    public Regime at(Instant when) throws RegistryException {
        Change chosen = null;
        for (Change c : changes) {
            if (!c.inForce()) {
                continue;
            }
            if (chosen == null || !c.at().isAfter(when)) {
                chosen = c;
            }
            if (c.at().isAfter(when)) {
                break;
            }
        }
        return chosen == null ? current : regime(chosen, false);
    }

    /**
     * The policies a change dated {@code when} may have been made under, newest first: the one in
     * force at that second and, when that one was committed in the very same second (git dates
     * have whole seconds, so which came first cannot be told), the one before it too.
     */
    public List<Regime> candidatesAt(Instant when) throws RegistryException {
        List<Change> inForce = changes.stream().filter(Change::inForce).toList();
        List<Regime> out = new ArrayList<>();
        for (int i = inForce.size() - 1; i >= 0; i--) {
            Change c = inForce.get(i);
            if (c.at().isAfter(when)) {
                continue;
            }
            out.add(regime(c, false));
            if (c.at().getEpochSecond() != when.getEpochSecond()) {
                break;
            }
        }
        if (out.isEmpty()) {
            out.add(at(when));
        }
        return out;
    }

    private Regime regime(Change chosen, boolean now) throws RegistryException {
        Regime known = regimes.get(chosen.blob());
        if (known != null) {
            return known;
        }
        RegistryPolicy p = chosen.policy();
        // with a team now and then, the team's keys as they are now (removed keys stay, revoked from their time)
        CommitVerifier verifier = !now && p.declaresPrincipals() && current.policy().declaresPrincipals() ? current.verifier()
                : verifiers.of(p, chosen.blob(), now);
        Regime regime = new Regime(p, verifier, new PolicyEvaluator(p, cards));
        regimes.put(chosen.blob(), regime);
        return regime;
    }
}
