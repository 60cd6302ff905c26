package io.gitmodel.registry.internal.sign;

import io.gitmodel.registry.Principal;
import io.gitmodel.registry.SignatureCheck;
import java.util.Optional;
import org.eclipse.jgit.revwalk.RevCommit;

/** Verifies the signature of a commit and says who made it. */
public interface CommitVerifier {
    /**
     * What verification found.
     *
     * @param principal the principal of registry.yaml whose trusted key made a good signature, or null
     * @param identity who signed, for telling signers apart: the principal's name, else the key fingerprint, else empty
     */
    record Verified(SignatureCheck check, Principal principal, String identity) {
        public Optional<Principal> signer() {
            return Optional.ofNullable(principal);
        }

        /** A good signature the registry accepts (by a principal, or by an allowed signer without principals). */
        public boolean trusted() {
            return check.status() == SignatureCheck.Status.GOOD && check.allowed();
        }
    }

    Verified verify(RevCommit commit);

    /** Verification without principals: git's own signer configuration and the registry's allowed_signers list. */
    static CommitVerifier of(SignatureChecker checker) {
        return commit -> {
            SignatureCheck check = checker.check(commit);
            String identity = !check.fingerprint().isEmpty() ? check.fingerprint() : check.signer();
            return new Verified(check, null, check.status() == SignatureCheck.Status.GOOD ? identity : "");
        };
    }
}
