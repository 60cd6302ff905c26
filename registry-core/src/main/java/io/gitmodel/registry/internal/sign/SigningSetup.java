package io.gitmodel.registry.internal.sign;

import io.gitmodel.registry.errors.SigningException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.Repository;

/**
 * Chooses the signer for stage commits the way git chooses one for {@code commit -S}:
 * {@code gpg.format} ({@code openpgp} or {@code ssh}), {@code user.signingKey},
 * {@code gpg.program}, each overridable. A key given as a path to an SSH key file selects SSH
 * signing even without {@code gpg.format=ssh}.
 */
public final class SigningSetup {
    public static final String HOW_TO = "set a signing key: for SSH, git config --global gpg.format ssh and"
            + " git config --global user.signingKey ~/.ssh/id_ed25519 (a key made with ssh-keygen -t ed25519);"
            + " for OpenPGP, git config --global user.signingKey <gpg key id>; or pass --signing-key <key>."
            + " For experiments, create the registry with git-model init --unsigned";

    private SigningSetup() {
    }

    /**
     * The signer to use, or empty if no key is configured.
     *
     * @param keyOverride a key given by the caller (path or key id), or null
     * @param home the home directory for {@code ~/}
     */
    public static Optional<CommitSigner> signer(Repository repo, Config gitConfig, Map<String, String> env, Path home,
            String keyOverride) throws SigningException {
        String key = keyOverride != null ? keyOverride : gitConfig.getString("user", null, "signingKey");
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        key = expandHome(key.trim(), home);
        String format = gitConfig.getString("gpg", null, "format");
        boolean ssh = "ssh".equalsIgnoreCase(format) || key.startsWith("key::") || isSshKeyFile(key);
        if (format != null && !format.equalsIgnoreCase("ssh") && !format.equalsIgnoreCase("openpgp") && !ssh) {
            throw new SigningException("gpg.format=" + format + " is not supported for stage commits; use ssh or openpgp");
        }
        if (ssh) {
            if (!key.startsWith("key::") && !Files.isRegularFile(Path.of(key))) {
                throw new SigningException("the SSH signing key " + key + " does not exist; " + HOW_TO);
            }
            Config c = new Config(gitConfig);
            c.setString("gpg", null, "format", "ssh");
            c.setString("user", null, "signingKey", key);
            return Optional.of(new SshCommitSigner(repo, new GpgConfig(c), key));
        }
        String program = gitConfig.getString("gpg", "openpgp", "program");
        if (program == null) {
            program = gitConfig.getString("gpg", null, "program");
        }
        return Optional.of(new GpgProgramSigner(program == null ? "gpg" : program, key, env));
    }

    static String expandHome(String path, Path home) {
        if (path.equals("~")) {
            return home.toString();
        }
        return path.startsWith("~/") ? home.resolve(path.substring(2)).toString() : path;
    }

    private static boolean isSshKeyFile(String key) {
        Path p = Path.of(key);
        if (!Files.isRegularFile(p)) {
            return false;
        }
        try {
            byte[] head = new byte[64];
            int n;
            try (var in = Files.newInputStream(p)) {
                n = in.readNBytes(head, 0, head.length);
            }
            String start = new String(head, 0, n, java.nio.charset.StandardCharsets.US_ASCII);
            return start.startsWith("-----BEGIN OPENSSH PRIVATE KEY") || start.startsWith("ssh-") || start.startsWith("ecdsa-")
                    || start.startsWith("sk-") || start.startsWith("-----BEGIN RSA PRIVATE KEY");
        } catch (IOException e) {
            return false;
        }
    }
}
