package io.gitmodel.registry.internal.transport;

import io.gitmodel.registry.internal.store.RemoteConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Where credentials come from, with git's real credential helper ("store"). */
@IsolatedGit
class CredentialsTest {
    private TestEnv env;

    @BeforeEach
    void storeHelper(TestEnv env) throws Exception {
        this.env = env;
        Files.writeString(env.home().resolve(".git-credentials"),
                "https://octo:github-secret@github.com\nhttps://ada:evil-secret@evil.example\n");
        Files.writeString(env.home().resolve(".gitconfig"), "[credential]\n\thelper = store\n", StandardOpenOption.APPEND);
    }

    @Test
    void theUrlThenTheTokenThenGitsHelpers() {
        assertEquals(Optional.of(new Credentials.UserPassword("u", "p@ss")),
                Credentials.find("https://u:p%40ss@github.com/x.git", env.env(), null));
        Map<String, String> withToken = new HashMap<>(env.env());
        withToken.put("GIT_MODEL_TOKEN", "tok");
        assertEquals(Optional.of(new Credentials.UserPassword("git-model", "tok")),
                Credentials.find("https://github.com/x.git", withToken, null));
        assertEquals(Optional.of(new Credentials.UserPassword("octo", "github-secret")),
                Credentials.find("https://github.com/acme/models.git", env.env(), null));
    }

    @Test
    void aCraftedUrlCannotObtainAnotherHostsCredentials() {
        // %0A decodes to a newline: "host=github.com" would be a second line of the helper's input
        Optional<Credentials.UserPassword> found = Credentials.find(
                "https://evil.example/r%0Ahost=github.com%0Apath=x", env.env(), null);
        assertTrue(found.isEmpty() || !found.get().password().equals("github-secret"), found.toString());
        Optional<Credentials.UserPassword> viaUser = Credentials.find("https://x%0Ahost=github.com@evil.example/r", env.env(), null);
        assertTrue(viaUser.isEmpty() || !viaUser.get().password().equals("github-secret"), viaUser.toString());
    }

    @Test
    void aHelperThatWouldPromptIsNotAskedToAndTheAnswerIsEmpty() {
        Map<String, String> prompting = new HashMap<>(env.env());
        prompting.put("GIT_ASKPASS", "/bin/echo"); // would "answer" with its own arguments
        assertEquals(Optional.empty(), Credentials.find("https://unknown.example/x.git", prompting, null));
    }

    @Test
    void urlsAreShownWithoutCredentials() {
        assertEquals("https://h.example/x.git", RemoteConfig.redact("https://u:p@ss@h.example/x.git"));
        assertEquals("https://h.example/x.git", RemoteConfig.redact("https://token@h.example/x.git"));
        assertEquals("/srv/models.git", RemoteConfig.redact("/srv/models.git"));
    }
}
