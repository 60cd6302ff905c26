package io.gitmodel.registry.internal.sign;

import io.gitmodel.registry.errors.SigningException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.GpgSignature;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * OpenPGP signatures made by running {@code gpg.program} exactly as git does
 * ({@code gpg --status-fd=2 -bsau <key>}); gpg-agent handles passphrases. JGit's Bouncy Castle
 * signer is not used: its ed25519 signatures name a key gpg cannot find.
 */
final class GpgProgramSigner implements CommitSigner {
    private final String program;
    private final String key;
    private final Map<String, String> env;

    GpgProgramSigner(String program, String key, Map<String, String> env) {
        this.program = program;
        this.key = key;
        this.env = env;
    }

    @Override
    public GpgSignature sign(byte[] payload, PersonIdent committer) throws SigningException {
        Processes.Result r;
        try {
            r = Processes.run(List.of(program, "--status-fd=2", "-bsau", key), env, payload, 120);
        } catch (IOException e) {
            throw new SigningException("cannot run " + program + " to sign with OpenPGP key " + key + ": " + e.getMessage()
                    + "; install GnuPG or set gpg.program", e);
        }
        if (r.exitCode() != 0 || !r.stderr().contains("[GNUPG:] SIG_CREATED ")) {
            throw new SigningException(program + " failed to sign with OpenPGP key " + key + ": " + lastLines(r.stderr()));
        }
        return new GpgSignature(r.stdout());
    }

    @Override
    public String describe() {
        return "OpenPGP key " + key;
    }

    @Override
    public String publicKey() throws SigningException {
        Processes.Result r;
        try {
            r = Processes.run(List.of(program, "--armor", "--export", key), env, new byte[0], 60);
        } catch (IOException e) {
            throw new SigningException("cannot run " + program + " to export OpenPGP key " + key + ": " + e.getMessage(), e);
        }
        String armored = new String(r.stdout(), java.nio.charset.StandardCharsets.US_ASCII).strip();
        if (r.exitCode() != 0 || !armored.startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----")) {
            throw new SigningException(program + " did not export the public key of " + key + ": " + lastLines(r.stderr()));
        }
        return armored;
    }

    static String lastLines(String stderr) {
        String s = stderr.lines().filter(l -> !l.startsWith("[GNUPG:]")).reduce((a, b) -> a + "; " + b).orElse(stderr.strip());
        return s.isEmpty() ? "no error output" : s;
    }
}
