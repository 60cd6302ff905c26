package io.gitmodel.registry.internal.sign;

import io.gitmodel.registry.Principal;
import io.gitmodel.registry.RegistryPolicy;
import io.gitmodel.registry.SignatureCheck;
import io.gitmodel.registry.SignatureCheck.Status;
import io.gitmodel.registry.SigningKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.SignatureVerifier.SignatureVerification;
import org.eclipse.jgit.lib.SignatureVerifiers;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Verifies commit signatures against the team registry.yaml declares, from the repository alone:
 * SSH signatures through an allowed-signers file written from the principals' SSH keys (the same
 * file git itself is pointed at), OpenPGP signatures in-process against the principals' armoured
 * keys. A signature counts when it verifies, its key belongs to a principal, and the key was not
 * revoked when the commit was made (its committer date).
 */
public final class TeamVerifier implements CommitVerifier {
    private static final DateTimeFormatter VALID_BEFORE = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Repository repo;
    private final RegistryPolicy policy;
    private final Config sshConfig;

    /** @param allowedSigners the file the principals' SSH keys are written to (refreshed when they change) */
    public TeamVerifier(Repository repo, RegistryPolicy policy, Path allowedSigners) throws IOException {
        this.repo = repo;
        this.policy = policy;
        writeIfChanged(allowedSigners, allowedSignersText(policy));
        this.sshConfig = new Config();
        sshConfig.setString("gpg", "ssh", "allowedSignersFile", allowedSigners.toString());
    }

    /** The allowed-signers file of the team: one line per SSH key; a revoked key valid before its revocation. */
    public static String allowedSignersText(RegistryPolicy policy) {
        StringBuilder b = new StringBuilder("# written by git-model from registry.yaml (principals); do not edit\n");
        for (Principal p : policy.principals()) {
            for (SigningKey k : p.keys()) {
                if (k.format().equals(SigningKey.SSH)) {
                    // JGit 7.4 cannot read two options on one line (namespaces="git",valid-before=...), so a revoked
                    // key carries only its end of validity; OpenSSH and JGit both read either form
                    b.append(p.name()).append(k.revoked() == null ? " namespaces=\"git\""
                            : " valid-before=\"" + VALID_BEFORE.format(k.revoked()) + "\"");
                    b.append(' ').append(k.publicKey()).append('\n');
                }
            }
        }
        return b.toString();
    }

    /** Writes {@code text} to {@code file} unless it already holds exactly that, atomically. */
    public static void writeIfChanged(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (Files.isRegularFile(file) && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
            return;
        }
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), ".allowed_signers", ".tmp");
        try {
            Files.write(temp, bytes);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Verifies a commit's signature and names its principal. */
    @Override
    public Verified verify(RevCommit commit) {
        byte[] signature = commit.getRawGpgSignature();
        if (signature == null) {
            return new Verified(SignatureCheck.unsigned(), null, "");
        }
        String text = new String(signature, StandardCharsets.US_ASCII);
        Instant when = commit.getCommitterIdent().getWhenAsInstant();
        if (text.startsWith("-----BEGIN SSH SIGNATURE-----")) {
            return ssh(commit, when);
        }
        if (text.startsWith("-----BEGIN PGP SIGNATURE-----")) {
            return openPgp(signature, SignatureChecker.payload(commit.getRawBuffer()), when);
        }
        return new Verified(new SignatureCheck(Status.UNVERIFIED, "unknown", "", "", false, "unsupported signature type"), null, "");
    }

    private Verified ssh(RevCommit commit, Instant when) {
        SignatureVerification v;
        try {
            v = SignatureVerifiers.verify(repo, new GpgConfig(sshConfig), commit);
        } catch (IOException | RuntimeException e) {
            return new Verified(new SignatureCheck(Status.UNVERIFIED, SigningKey.SSH, "", "", false, "cannot verify: "
                    + e.getMessage()), null, "");
        }
        if (v == null) {
            return new Verified(new SignatureCheck(Status.UNVERIFIED, SigningKey.SSH, "", "", false,
                    "no SSH signature verifier available"), null, "");
        }
        String fingerprint = v.keyFingerprint() == null ? "" : v.keyFingerprint();
        if (!v.verified()) {
            String message = v.message() == null ? "signature not verified" : v.message();
            // a key no principal has is "unknown"; a signature that does not match its commit is BAD
            boolean known = policy.principals().stream().flatMap(p -> p.keys().stream()).anyMatch(k -> k.fingerprint().equals(fingerprint));
            String revoked = revokedBefore(fingerprint, when);
            Status status = !known || revoked != null || message.toLowerCase().contains("valid") ? Status.UNVERIFIED : Status.BAD;
            return new Verified(new SignatureCheck(status, SigningKey.SSH, "", fingerprint, false, revoked != null ? revoked
                    : known ? message : "signed with SSH key " + fingerprint + ", which no principal in registry.yaml has"),
                    null, "");
        }
        return signedBy(SigningKey.SSH, fingerprint, when, "good SSH signature");
    }

    /** Says whose key it was and when it was revoked, if the commit was signed with it after; null otherwise. */
    private String revokedBefore(String fingerprint, Instant when) {
        for (Principal p : policy.principals()) {
            for (SigningKey k : p.keys()) {
                if (k.fingerprint().equals(fingerprint) && k.revoked() != null && !when.isBefore(k.revoked())) {
                    return "signed with SSH key " + fingerprint + " of " + p.name() + ", revoked at " + k.revoked()
                            + ", on " + when;
                }
            }
        }
        return null;
    }

    private Verified openPgp(byte[] signature, byte[] payload, Instant when) {
        PGPSignature sig;
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(signature))) {
            Object o = new JcaPGPObjectFactory(in).nextObject();
            if (!(o instanceof PGPSignatureList list) || list.isEmpty()) {
                return new Verified(new SignatureCheck(Status.BAD, SigningKey.OPENPGP, "", "", false,
                        "the OpenPGP signature cannot be read"), null, "");
            }
            sig = list.get(0);
        } catch (IOException | RuntimeException e) {
            return new Verified(new SignatureCheck(Status.BAD, SigningKey.OPENPGP, "", "", false,
                    "the OpenPGP signature cannot be read: " + e.getMessage()), null, "");
        }
        String keyId = String.format("%016X", sig.getKeyID());
        for (Principal p : policy.principals()) {
            for (SigningKey k : p.keys()) {
                if (!k.format().equals(SigningKey.OPENPGP)) {
                    continue;
                }
                PGPPublicKeyRing ring = SigningKeys.openPgpRing(k.publicKey());
                PGPPublicKey key = ring.getPublicKey(sig.getKeyID());
                if (key == null) {
                    continue;
                }
                String fingerprint = HexFormat.of().withUpperCase().formatHex(ring.getPublicKey().getFingerprint());
                try {
                    sig.init(new JcaPGPContentVerifierBuilderProvider(), key);
                    sig.update(payload);
                    if (!sig.verify()) {
                        return new Verified(new SignatureCheck(Status.BAD, SigningKey.OPENPGP, p.name(), fingerprint, false,
                                "bad OpenPGP signature: the commit was changed after it was signed"), null, "");
                    }
                } catch (PGPException | RuntimeException e) {
                    return new Verified(new SignatureCheck(Status.BAD, SigningKey.OPENPGP, p.name(), fingerprint, false,
                            "the OpenPGP signature cannot be verified: " + e.getMessage()), null, "");
                }
                return signedBy(SigningKey.OPENPGP, fingerprint, when, "good OpenPGP signature");
            }
        }
        return new Verified(new SignatureCheck(Status.UNVERIFIED, SigningKey.OPENPGP, "", keyId, false, "signed with OpenPGP key "
                + keyId + ", which no principal in registry.yaml has"), null, "");
    }

    /** A good signature by the key with this fingerprint: whose is it, and was it trusted at {@code when}? */
    private Verified signedBy(String format, String fingerprint, Instant when, String detail) {
        for (Principal p : policy.principals()) {
            for (SigningKey k : p.keys()) {
                if (k.format().equals(format) && k.fingerprint().equalsIgnoreCase(fingerprint)) {
                    if (!k.trustedAt(when)) {
                        return new Verified(new SignatureCheck(Status.GOOD, format, p.name(), fingerprint, false, detail
                                + ", but the key of " + p.name() + " was revoked at " + k.revoked() + ", before this commit ("
                                + when + ")"), null, "");
                    }
                    return new Verified(new SignatureCheck(Status.GOOD, format, p.name(), fingerprint, true, detail + " by "
                            + p.name()), p, p.name());
                }
            }
        }
        return new Verified(new SignatureCheck(Status.UNVERIFIED, format, "", fingerprint, false, "signed with key " + fingerprint
                + ", which no principal in registry.yaml has"), null, "");
    }
}
