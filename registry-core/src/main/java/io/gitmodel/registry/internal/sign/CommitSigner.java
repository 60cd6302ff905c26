package io.gitmodel.registry.internal.sign;

import io.gitmodel.registry.errors.SigningException;
import org.eclipse.jgit.lib.GpgSignature;
import org.eclipse.jgit.lib.PersonIdent;

/** Makes the signature of a commit's bytes, in the form git stores in the {@code gpgsig} header. */
public interface CommitSigner {
    GpgSignature sign(byte[] payload, PersonIdent committer) throws SigningException;

    /** Describes the key for messages, e.g. {@code ssh key /home/ada/.ssh/id_ed25519}. */
    String describe();

    /**
     * The public half of the key, as registry.yaml lists it (an SSH public key line or an armoured
     * OpenPGP key), so that a registry can name its first admin.
     */
    String publicKey() throws SigningException;
}
