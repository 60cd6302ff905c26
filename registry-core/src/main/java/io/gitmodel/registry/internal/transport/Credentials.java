package io.gitmodel.registry.internal.transport;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Credentials for an HTTP remote, in git's order of preference: {@code user:password} in the
 * URL, the {@code GIT_MODEL_TOKEN} environment variable, then git's credential helpers
 * ({@code git credential fill}, never prompting). Credentials are never logged or put in
 * messages: {@link io.gitmodel.registry.internal.store.RemoteConfig#redact(String)} removes them from URLs shown to people.
 */
public final class Credentials {
    /** A user name and password (or token). */
    public record UserPassword(String user, String password) {
        @Override
        public String toString() {
            return "UserPassword[" + user + ", ****]";
        }

        String basicHeader() {
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
    }

    private Credentials() {
    }

    /**
     * Finds credentials for an http(s) URL, or empty.
     *
     * @param gitDir the registry's Git directory, whose config may name a credential helper (or null)
     */
    public static Optional<UserPassword> find(String url, Map<String, String> env, java.nio.file.Path gitDir) {
        URI uri = URI.create(url);
        String info = uri.getRawUserInfo();
        if (info != null && info.contains(":")) {
            int colon = info.indexOf(':');
            return Optional.of(new UserPassword(decode(info.substring(0, colon)), decode(info.substring(colon + 1))));
        }
        String token = env.get("GIT_MODEL_TOKEN");
        if (token != null && !token.isBlank()) {
            return Optional.of(new UserPassword(info != null ? decode(info) : "git-model", token.trim()));
        }
        return credentialHelper(uri, info != null ? decode(info) : null, env, gitDir);
    }

    /** JGit's form of the same credentials, looked up only when the server asks (401). */
    public static CredentialsProvider provider(String url, Map<String, String> env, java.nio.file.Path gitDir) {
        return new CredentialsProvider() {
            private UsernamePasswordCredentialsProvider found;

            private UsernamePasswordCredentialsProvider delegate() {
                if (found == null) {
                    found = find(url, env, gitDir).map(c -> new UsernamePasswordCredentialsProvider(c.user(), c.password())).orElse(null);
                }
                return found;
            }

            @Override
            public boolean isInteractive() {
                return false;
            }

            @Override
            public boolean supports(org.eclipse.jgit.transport.CredentialItem... items) {
                return delegate() != null && delegate().supports(items);
            }

            @Override
            public boolean get(org.eclipse.jgit.transport.URIish uri, org.eclipse.jgit.transport.CredentialItem... items) {
                return delegate() != null && delegate().get(uri, items);
            }
        };
    }

    /**
     * Asks git's credential helpers ({@code git credential fill}), as git would for this URL, but
     * never prompting: no terminal, no askpass program, and a deadline. Values that would let a
     * crafted URL inject lines into the helper's input (CVE-2020-5260) are refused.
     */
    private static Optional<UserPassword> credentialHelper(URI uri, String user, Map<String, String> env, java.nio.file.Path gitDir) {
        String host = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
        StringBuilder request = new StringBuilder();
        for (String[] field : new String[][] {{"protocol", uri.getScheme()}, {"host", host}, {"path", path}, {"username", user}}) {
            if (field[1] == null) {
                continue;
            }
            if (field[1].chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0)) {
                return Optional.empty();
            }
            request.append(field[0]).append('=').append(field[1]).append('\n');
        }
        request.append('\n');
        java.nio.file.Path answer = null;
        try {
            answer = java.nio.file.Files.createTempFile("git-model-credential", ".txt");
            List<String> command = new java.util.ArrayList<>(List.of("git", "-c", "core.askPass="));
            if (gitDir != null) {
                command.add("--git-dir=" + gitDir);
            }
            command.addAll(List.of("credential", "fill"));
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().clear();
            pb.environment().putAll(env);
            pb.environment().remove("GIT_ASKPASS");
            pb.environment().remove("SSH_ASKPASS");
            pb.environment().put("GIT_TERMINAL_PROMPT", "0");
            pb.environment().put("GCM_INTERACTIVE", "never");
            Process p = pb.redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(answer.toFile()).start();
            try (var in = p.getOutputStream()) {
                in.write(request.toString().getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            if (p.exitValue() != 0) {
                return Optional.empty();
            }
            String name = null;
            String password = null;
            for (String line : java.nio.file.Files.readString(answer, StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("username=")) {
                    name = line.substring("username=".length());
                } else if (line.startsWith("password=")) {
                    password = line.substring("password=".length());
                }
            }
            return name != null && password != null ? Optional.of(new UserPassword(name, password)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (answer != null) {
                try {
                    java.nio.file.Files.deleteIfExists(answer);
                } catch (IOException ignore) {
                    // a temporary file in the temp directory; nothing secret stays in it for long
                }
            }
        }
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
