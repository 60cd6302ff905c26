package io.gitmodel.cli;

import io.gitmodel.registry.Person;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.RegistryConfig;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The quickstart's registry and its team of two, each with a throwaway SSH key made by ssh-keygen:
 * dana (data scientist, the registry's admin) and lee (ML lead), declared in registry.yaml, and a
 * production stage that takes a version only through a request approved by an ML lead. The keys
 * stay in {@code <git-dir>/git-model-demo-keys/}, and the repository's own config signs as dana, so
 * commands typed in the demo afterwards work without any setup. Without ssh-keygen the registry
 * allows unsigned stage commits and needs no approval (approvals must be signed).
 */
final class DemoRegistry {
    static final Person DANA = new Person("Dana", "dana@example.com");
    static final Person LEE = new Person("Lee", "lee@example.com");
    static final String KEYS = "git-model-demo-keys";
    /** In the git directory: this registry is quickstart's, and quickstart may replace it. */
    static final String MARKER = "git-model-demo";
    static final String LEAD_ROLE = "ml-lead";

    private final RegistryConfig dana;
    private final RegistryConfig lee;
    private final Path leeKey;

    private DemoRegistry(RegistryConfig dana, RegistryConfig lee, Path leeKey) {
        this.dana = dana;
        this.lee = lee;
        this.leeKey = leeKey;
    }

    /** Whether stage commits are signed, and production needs lee's approval. */
    boolean withApprovals() {
        return leeKey != null;
    }

    /** The registry as dana sees it. */
    Registry openAsDana(Path target) throws RegistryException {
        return Registry.open(target, dana);
    }

    /** The registry as lee sees it (only {@link #withApprovals()}). */
    Registry openAsLee(Path target) throws RegistryException {
        return Registry.open(target, lee);
    }

    Path leeKey() {
        return leeKey;
    }

    /** Creates the registry in {@code target} (new or empty) with the team and its policy. */
    static DemoRegistry create(Path target, RegistryConfig base) throws RegistryException {
        Optional<Path> sshKeygen = DemoKeys.sshKeygen(base.environment());
        if (sshKeygen.isEmpty()) {
            RegistryConfig dana = base.toBuilder().identity(DANA).build();
            try (Registry created = Registry.init(target).signed(false).config(dana).call()) {
                mark(created.gitDirectory());
                actAs(created.gitDirectory(), DANA, null);
                return new DemoRegistry(dana, null, null);
            } catch (IOException e) {
                throw new RegistryIOException("cannot write the demo in " + target, e);
            }
        }
        Path made = null;
        try {
            made = Files.createTempDirectory(KEYS);
            DemoKeys.make(sshKeygen.get(), made, "dana", DANA.email());
            DemoKeys.make(sshKeygen.get(), made, "lee", LEE.email());
            // init signs the first registry.yaml with dana's key and so declares her its first admin
            Path gitDir;
            try (Registry created = Registry.init(target).config(signingAs(base, DANA, made.resolve("dana"))).call()) {
                gitDir = created.gitDirectory();
                mark(gitDir);
            }
            Path keys = Files.createDirectories(gitDir.resolve(KEYS));
            try (Stream<Path> files = Files.list(made)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.copy(f, keys.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES); // keeps 0600
                }
            }
            actAs(gitDir, DANA, keys.resolve("dana"));
            RegistryConfig dana = signingAs(base, DANA, keys.resolve("dana"));
            try (Registry registry = Registry.open(target, dana)) {
                registry.addSigner(LEE.email(), keys.resolve("lee.pub")).role(LEAD_ROLE).reason("lee reviews production").call();
                String policy = registry.policyText();
                String stricter = policy.replace("    approvals: 0\n", "    approvals: 1\n    approvers: [" + LEAD_ROLE + "]\n");
                if (stricter.equals(policy)) {
                    throw new IllegalStateException("the demo's registry.yaml has no \"approvals: 0\" to raise:\n" + policy);
                }
                registry.setPolicy(stricter).reason("production needs one approval by an ML lead").call();
            }
            return new DemoRegistry(dana, signingAs(base, LEE, keys.resolve("lee")), keys.resolve("lee"));
        } catch (IOException e) {
            throw new RegistryIOException("cannot make the demo's keys in " + target, e);
        } finally {
            deleteQuietly(made);
        }
    }

    /**
     * A person with their key, set over every git configuration the user has (so a signing key
     * named in the user's own config, even through GIT_CONFIG_COUNT, does not sign for the demo).
     */
    private static RegistryConfig signingAs(RegistryConfig base, Person who, Path key) {
        return base.toBuilder().identity(who).environment(withGitConfig(base.environment(),
                Map.of("gpg.format", "ssh", "user.signingKey", key.toString()))).build();
    }

    /** The demo repository's own config acts as {@code who}: commands typed in it later need no setup. */
    private static void actAs(Path gitDir, Person who, Path key) throws IOException {
        String config = "[user]\n\tname = " + who.name() + "\n\temail = " + who.email() + "\n"
                + (key == null ? "" : "\tsigningKey = " + quoted(key) + "\n[gpg]\n\tformat = ssh\n");
        Files.writeString(gitDir.resolve("config"), config, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    }

    private static void mark(Path gitDir) throws IOException {
        Files.writeString(gitDir.resolve(MARKER), "created by git-model quickstart\n", StandardCharsets.UTF_8);
    }

    /** {@code env} with git settings that override every configuration file, as git's GIT_CONFIG_COUNT does. */
    static Map<String, String> withGitConfig(Map<String, String> env, Map<String, String> settings) {
        Map<String, String> out = new HashMap<>(env);
        int n;
        try {
            n = Integer.parseInt(env.getOrDefault("GIT_CONFIG_COUNT", "0").strip());
        } catch (NumberFormatException e) {
            n = 0;
        }
        n = Math.max(n, 0);
        for (Map.Entry<String, String> s : settings.entrySet()) {
            out.put("GIT_CONFIG_KEY_" + n, s.getKey());
            out.put("GIT_CONFIG_VALUE_" + n, s.getValue());
            n++;
        }
        out.put("GIT_CONFIG_COUNT", Integer.toString(n));
        return out;
    }

    private static String quoted(Path path) {
        return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            FileTrees.delete(dir);
        } catch (IOException e) {
            // a temporary directory; the system cleans it up
        }
    }
}
