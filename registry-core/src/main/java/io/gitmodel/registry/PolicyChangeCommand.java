package io.gitmodel.registry;

import io.gitmodel.registry.errors.ConcurrentUpdateException;
import io.gitmodel.registry.errors.CorruptMetadataException;
import io.gitmodel.registry.errors.InvalidValueException;
import io.gitmodel.registry.errors.NotAllowedException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.SigningException;
import io.gitmodel.registry.internal.format.PolicyYaml;
import io.gitmodel.registry.internal.format.RegistryYaml;
import io.gitmodel.registry.internal.sign.CommitSigner;
import io.gitmodel.registry.internal.sign.CommitVerifier;
import io.gitmodel.registry.internal.sign.SigningSetup;
import io.gitmodel.registry.internal.store.PolicyPublisher;
import io.gitmodel.registry.internal.store.RegistryStore;
import io.gitmodel.registry.internal.verify.PolicyHistory;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Base of the commands that change registry.yaml: ONE signed commit on the registry branch. The
 * change is itself governed: once registry.yaml names principals, only an admin of the policy in
 * force may sign it (the commit is checked as {@code verify} will check it before it is
 * published), and the new policy must still name an admin with a key.
 *
 * @param <C> the concrete command, so setters return it
 */
public abstract class PolicyChangeCommand<C extends PolicyChangeCommand<C>> extends RegistryCommand<String> {
    final Registry registry;
    private String reason = "";
    private String signingKey;

    PolicyChangeCommand(Registry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Why the policy changes; recorded in the commit. */
    public C reason(String reason) {
        this.reason = MetadataRules.checkText("reason", Objects.requireNonNull(reason, "reason"));
        return self();
    }

    /** Signs with this key (SSH key file or OpenPGP key id) instead of git's {@code user.signingKey}. */
    public C signingKey(String key) {
        this.signingKey = key;
        return self();
    }

    @SuppressWarnings("unchecked")
    private C self() {
        return (C) this;
    }

    /** The new registry.yaml document, from the current one and the policy it holds. */
    abstract Map<String, Object> change(Map<String, Object> doc, RegistryPolicy policy) throws RegistryException;

    /** The new registry.yaml text: the changed document, written out. */
    String newText(Map<String, Object> doc, RegistryPolicy policy) throws RegistryException {
        return RegistryYaml.write(change(doc, policy));
    }

    /** The subject line of the commit, e.g. {@code Add signer ada@example.com (admin)}. */
    abstract String subject();

    /** @return the commit id of the change */
    @Override
    public final String call() throws RegistryException {
        checkCallable();
        RegistryStore store = registry.store();
        Person who = store.identity();
        Optional<CommitSigner> signer = store.signer(signingKey);
        PolicyPublisher publisher = new PolicyPublisher(store);
        for (int attempt = 1; attempt <= store.config().maxAttempts(); attempt++) {
            ObjectId head = store.reader().head();
            // changed from the policy in force: a registry.yaml committed by someone not allowed is not built on
            PolicyHistory policies = registry.queries().policies();
            Map<String, Object> doc = inForceDocument(store, policies);
            RegistryPolicy policy = policies.current().policy();
            if (signer.isEmpty() && (policy.declaresPrincipals() || policy.stages().stream().anyMatch(StageRules::signed))) {
                throw new SigningException("a change of registry.yaml must be signed and no signing key is configured: "
                        + SigningSetup.HOW_TO);
            }
            String text = newText(doc, policy);
            RegistryPolicy next = check(text);
            ObjectId commit = publisher.write(head, text, message(), who, store.now(), signer.orElse(null),
                    c -> authorise(store, policy, c));
            if (publisher.publish(head, commit, who)) {
                store.afterWrite();
                store.verifier(next); // the allowed-signers file follows the new team at once
                return commit.name();
            }
        }
        throw new ConcurrentUpdateException(store.branchRef(), null, null, "the registry branch kept changing under this policy"
                + " change; try again");
    }

    private static Map<String, Object> inForceDocument(RegistryStore store, PolicyHistory policies) throws RegistryException {
        PolicyHistory.Change inForce = policies.inForce();
        if (inForce == null) {
            return store.reader().checkFormat();
        }
        byte[] bytes = store.reader().readFile(inForce.commit(), RegistryYaml.FILE).orElseThrow();
        return RegistryYaml.read(new String(bytes, java.nio.charset.StandardCharsets.UTF_8), RegistryYaml.FILE);
    }

    private String message() {
        return subject() + "\n\n" + (reason.isBlank() ? "" : reason.strip() + "\n\n") + "Policy-Change: " + subject() + "\n";
    }

    /** The new policy, read as everyone will read it; it must still name an admin who can sign. */
    private static RegistryPolicy check(String text) throws RegistryException {
        RegistryPolicy next;
        try {
            next = PolicyYaml.read(RegistryYaml.read(text, RegistryYaml.FILE), RegistryYaml.FILE);
        } catch (CorruptMetadataException e) {
            throw new InvalidValueException("the changed registry.yaml would not be valid: " + e.getMessage());
        }
        if (next.declaresPrincipals() && next.principals().stream()
                .noneMatch(p -> next.isAdmin(p) && p.keys().stream().anyMatch(k -> k.revoked() == null))) {
            throw new InvalidValueException("the changed registry.yaml would leave no admin with a trusted key ("
                    + String.join(", ", next.admins()) + "), so no one could change it again; add one first");
        }
        return next;
    }

    /** Once the policy names principals, only its admins may change it: judged on the signed commit. */
    private static void authorise(RegistryStore store, RegistryPolicy policy, org.eclipse.jgit.revwalk.RevCommit commit)
            throws RegistryException {
        if (!policy.declaresPrincipals()) {
            return; // a registry without a team: the first team is whoever declares it
        }
        CommitVerifier.Verified v = store.verifier(policy).verify(commit);
        if (v.principal() == null || !policy.isAdmin(v.principal())) {
            throw new NotAllowedException(v.identity(), "admins", "only an admin (" + String.join(", ", policy.admins())
                    + ") may change registry.yaml; " + (v.principal() == null ? "this change is " + v.check().summary()
                            + " (" + v.check().detail() + ")" : v.principal().name() + " is not one")
                    + ". Nothing was changed");
        }
    }
}
