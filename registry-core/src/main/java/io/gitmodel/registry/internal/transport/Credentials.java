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
 * messages: {@link #redact(String)} removes them from URLs shown to people.
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

    /** Finds credentials for an http(s) URL, or empty. */
    public static Optional<UserPassword> find(String url, Map<String, String> env) {
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
        return credentialHelper(uri, env);
    }

    /** JGit's form of the same credentials, looked up only when the server asks (401). */
    public static CredentialsProvider provider(String url, Map<String, String> env) {
        return new CredentialsProvider() {
            private UsernamePasswordCredentialsProvider found;

            private UsernamePasswordCredentialsProvider delegate() {
                if (found == null) {
                    found = find(url, env).map(c -> new UsernamePasswordCredentialsProvider(c.user(), c.password())).orElse(null);
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

    /** The URL without user or password, for messages. */
    public static String redact(String url) {
        return url.replaceAll("://[^/@]*@", "://");
    }

    private static Optional<UserPassword> credentialHelper(URI uri, Map<String, String> env) {
        try {
            ProcessBuilder pb = new ProcessBuilder(List.of("git", "credential", "fill"));
            pb.environment().clear();
            pb.environment().putAll(env);
            pb.environment().put("GIT_TERMINAL_PROMPT", "0");
            pb.environment().put("GCM_INTERACTIVE", "never");
            Process p = pb.redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String request = "protocol=" + uri.getScheme() + "\nhost=" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                    + "\npath=" + uri.getPath().replaceFirst("^/", "") + "\n\n";
            p.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return Optional.empty();
            }
            String user = null;
            String password = null;
            for (String line : out.split("\n")) {
                if (line.startsWith("username=")) {
                    user = line.substring("username=".length());
                } else if (line.startsWith("password=")) {
                    password = line.substring("password=".length());
                }
            }
            return user != null && password != null ? Optional.of(new UserPassword(user, password)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
