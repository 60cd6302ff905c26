package io.gitmodel.registry.internal.sign;

import io.gitmodel.registry.SignatureCheck;
import io.gitmodel.registry.SignatureCheck.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.SignatureVerifier.SignatureVerification;
import org.eclipse.jgit.lib.SignatureVerifiers;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Verifies commit signatures as {@code git verify-commit} does: SSH signatures against
 * {@code gpg.ssh.allowedSignersFile} (through JGit), OpenPGP signatures by running
 * {@code gpg --verify}. A good signature is "allowed" when the registry lists no signers, or when
 * its signer or key fingerprint is in the list.
 */
public final class SignatureChecker {
    private final Repository repo;
    private final Config gitConfig;
    private final Map<String, String> env;
    private final List<String> allowedSigners;

    public SignatureChecker(Repository repo, Config gitConfig, Map<String, String> env, Path home, List<String> allowedSigners) {
        this.repo = repo;
        Config c = new Config(gitConfig);
        String file = gitConfig.getString("gpg", "ssh", "allowedSignersFile");
        if (file != null) {
            c.setString("gpg", "ssh", "allowedSignersFile", SigningSetup.expandHome(file, home));
        }
        this.gitConfig = c;
        this.env = env;
        this.allowedSigners = List.copyOf(allowedSigners);
    }

    /** Verifies the commit with this id. */
    public SignatureCheck check(String commitId) {
        try (org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(repo)) {
            return check(walk.parseCommit(org.eclipse.jgit.lib.ObjectId.fromString(commitId)));
        } catch (IOException e) {
            return new SignatureCheck(Status.UNVERIFIED, "", "", "", false, "cannot read commit " + commitId + ": " + e.getMessage());
        }
    }

    public SignatureCheck check(RevCommit commit) {
        byte[] signature = commit.getRawGpgSignature();
        if (signature == null) {
            return SignatureCheck.unsigned();
        }
        String text = new String(signature, StandardCharsets.US_ASCII);
        if (text.startsWith("-----BEGIN SSH SIGNATURE-----")) {
            return ssh(commit);
        }
        if (text.startsWith("-----BEGIN PGP SIGNATURE-----")) {
            return openPgp(signature, payload(commit.getRawBuffer()));
        }
        return new SignatureCheck(Status.UNVERIFIED, "unknown", "", "", false, "unsupported signature type");
    }

    private SignatureCheck ssh(RevCommit commit) {
        if (gitConfig.getString("gpg", "ssh", "allowedSignersFile") == null) {
            return new SignatureCheck(Status.UNVERIFIED, "ssh", "", "", false,
                    "gpg.ssh.allowedSignersFile is not configured, so SSH signatures cannot be checked");
        }
        try {
            SignatureVerification v = SignatureVerifiers.verify(repo, new GpgConfig(gitConfig), commit);
            if (v == null) {
                return new SignatureCheck(Status.UNVERIFIED, "ssh", "", "", false, "no SSH signature verifier available");
            }
            String signer = v.signer() != null ? v.signer() : v.keyUser();
            if (v.verified()) {
                return new SignatureCheck(Status.GOOD, "ssh", signer, v.keyFingerprint(), isAllowed(signer, v.keyFingerprint()),
                        "good SSH signature");
            }
            String message = v.message() == null ? "signature not verified" : v.message();
            Status status = signer == null && message.toLowerCase().contains("allowed") ? Status.UNVERIFIED : Status.BAD;
            if (message.toLowerCase().contains("no principal") || message.toLowerCase().contains("not allowed")
                    || message.toLowerCase().contains("allowed signer")) {
                status = Status.UNVERIFIED;
            }
            return new SignatureCheck(status, "ssh", signer, v.keyFingerprint(), false, message);
        } catch (IOException | RuntimeException e) {
            return new SignatureCheck(Status.UNVERIFIED, "ssh", "", "", false, "cannot verify: " + e.getMessage());
        }
    }

    private SignatureCheck openPgp(byte[] signature, byte[] payload) {
        String program = gitConfig.getString("gpg", "openpgp", "program");
        if (program == null) {
            program = gitConfig.getString("gpg", null, "program");
        }
        program = program == null ? "gpg" : program;
        Path sig = null;
        try {
            sig = Files.createTempFile("git-model-", ".sig");
            Files.write(sig, signature);
            Processes.Result r = Processes.run(List.of(program, "--status-fd=1", "--keyid-format=long", "--verify",
                    sig.toString(), "-"), env, payload, 60);
            String status = new String(r.stdout(), StandardCharsets.UTF_8);
            String uid = afterFirst(rest(status, "GOODSIG"));
            String fingerprint = first(rest(status, "VALIDSIG"));
            if (status.contains("[GNUPG:] BADSIG")) {
                return new SignatureCheck(Status.BAD, "openpgp", afterFirst(rest(status, "BADSIG")), "", false, "bad OpenPGP signature");
            }
            if (uid != null && fingerprint != null) {
                return new SignatureCheck(Status.GOOD, "openpgp", uid, fingerprint, isAllowed(uid, fingerprint), "good OpenPGP signature");
            }
            String keyId = first(rest(status, "ERRSIG"));
            return new SignatureCheck(Status.UNVERIFIED, "openpgp", "", keyId == null ? "" : keyId, false,
                    status.contains("NO_PUBKEY") ? "no public key " + keyId + " in the keyring" : GpgProgramSigner.lastLines(r.stderr()));
        } catch (IOException e) {
            return new SignatureCheck(Status.UNVERIFIED, "openpgp", "", "", false, "cannot run " + program + ": " + e.getMessage());
        } finally {
            if (sig != null) {
                try {
                    Files.deleteIfExists(sig);
                } catch (IOException ignore) {
                    // a leftover temporary signature file is harmless
                }
            }
        }
    }

    private boolean isAllowed(String signer, String fingerprint) {
        if (allowedSigners.isEmpty()) {
            return true;
        }
        for (String allowed : allowedSigners) {
            if (allowed.equalsIgnoreCase(fingerprint) || (signer != null && (signer.equals(allowed) || signer.contains("<" + allowed + ">")))) {
                return true;
            }
        }
        return false;
    }

    /** The rest of the status line {@code [GNUPG:] <keyword> ...}, or null. */
    private static String rest(String status, String keyword) {
        String prefix = "[GNUPG:] " + keyword + " ";
        return status.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst().orElse(null);
    }

    /** The first word of a status line's rest, or null. */
    private static String first(String rest) {
        return rest == null ? null : rest.split(" ", 2)[0];
    }

    /** What follows the first word of a status line's rest (a user id), or null. */
    private static String afterFirst(String rest) {
        if (rest == null) {
            return null;
        }
        String[] parts = rest.split(" ", 2);
        return parts.length > 1 ? parts[1] : "";
    }

    /** The signed bytes of a commit: its raw form without the {@code gpgsig} header, as git signs them. */
    static byte[] payload(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\n\n");
        String headers = end < 0 ? text : text.substring(0, end + 1);
        List<String> kept = new ArrayList<>();
        boolean inSig = false;
        for (String line : headers.split("\n", -1)) {
            if (line.startsWith("gpgsig ") || line.startsWith("gpgsig-sha256 ")) {
                inSig = true;
                continue;
            }
            if (inSig && line.startsWith(" ")) {
                continue;
            }
            inSig = false;
            kept.add(line);
        }
        String rebuilt = String.join("\n", kept) + (end < 0 ? "" : text.substring(end + 1));
        return rebuilt.getBytes(StandardCharsets.ISO_8859_1);
    }
}
