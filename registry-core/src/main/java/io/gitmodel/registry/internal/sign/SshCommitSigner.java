package io.gitmodel.registry.internal.sign;

import io.gitmodel.registry.errors.SigningException;
import java.io.IOException;
import org.eclipse.jgit.api.errors.CanceledException;
import org.eclipse.jgit.api.errors.UnsupportedSigningFormatException;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.GpgSignature;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.Signer;
import org.eclipse.jgit.lib.Signers;

/** SSH signatures ({@code gpg.format=ssh}) through JGit's signer, with a key file made by ssh-keygen. */
final class SshCommitSigner implements CommitSigner {
    private final Repository repo;
    private final GpgConfig config;
    private final String key;

    SshCommitSigner(Repository repo, GpgConfig config, String key) {
        this.repo = repo;
        this.config = config;
        this.key = key;
    }

    @Override
    public GpgSignature sign(byte[] payload, PersonIdent committer) throws SigningException {
        Signer signer = Signers.get(GpgConfig.GpgFormat.SSH);
        if (signer == null) {
            throw new SigningException("SSH signing is not available: org.eclipse.jgit.ssh.apache is missing from the classpath");
        }
        try {
            return signer.sign(repo, config, payload, committer, key, null);
        } catch (CanceledException | UnsupportedSigningFormatException | IOException | RuntimeException e) {
            throw new SigningException("cannot sign with SSH key " + key + ": " + e.getMessage()
                    + " (a private key file made by ssh-keygen, without passphrase or loaded in ssh-agent, is needed)", e);
        }
    }

    @Override
    public String describe() {
        return "SSH key " + key;
    }

    @Override
    public String publicKey() throws SigningException {
        if (key.startsWith("key::")) {
            return key.substring("key::".length()).strip();
        }
        java.nio.file.Path file = java.nio.file.Path.of(key);
        java.nio.file.Path pub = file.toString().endsWith(".pub") ? file : java.nio.file.Path.of(key + ".pub");
        try {
            return java.nio.file.Files.readString(pub).strip();
        } catch (IOException e) {
            throw new SigningException("cannot read the public key " + pub + " of SSH key " + key + " (ssh-keygen -y -f " + key
                    + " > " + pub + " makes it)", e);
        }
    }
}
