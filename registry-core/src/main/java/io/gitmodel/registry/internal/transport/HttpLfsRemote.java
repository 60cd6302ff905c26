package io.gitmodel.registry.internal.transport;

import io.gitmodel.registry.Sha256;
import io.gitmodel.registry.errors.CorruptMetadataException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.TransportException;
import io.gitmodel.registry.internal.format.SafeYaml;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Git LFS server, through the batch API with the basic transfer adapter
 * (https://github.com/git-lfs/git-lfs/blob/main/docs/api/batch.md): any LFS server (GitHub,
 * GitLab, Gitea, JGit's) can hold the artifacts. Every byte read is verified by the caller; a
 * server answer that is not what the spec says is an error naming the server.
 */
final class HttpLfsRemote implements LfsRemote {
    private static final String MEDIA_TYPE = "application/vnd.git-lfs+json";

    private final String remoteName;
    private final URI batchUrl;
    private final String shownUrl;
    private final Map<String, String> env;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private Optional<Credentials.UserPassword> credentials;
    private final String remoteUrl;

    /** An action the server offered: where to send or get the bytes, with which headers. */
    private record Action(URI href, Map<String, String> headers) {
    }

    HttpLfsRemote(String remoteName, String remoteUrl, String lfsUrl, Map<String, String> env) {
        this.remoteName = remoteName;
        this.remoteUrl = remoteUrl;
        this.env = env;
        String base = lfsUrl != null ? lfsUrl : defaultLfsUrl(Credentials.redact(remoteUrl));
        this.batchUrl = URI.create(base.replaceAll("/+$", "") + "/objects/batch");
        this.shownUrl = Credentials.redact(base);
    }

    /** The Git LFS server of a Git URL: {@code <url>/info/lfs}, with {@code .git} added when missing. */
    static String defaultLfsUrl(String url) {
        String u = url.replaceAll("/+$", "");
        return (u.endsWith(".git") ? u : u + ".git") + "/info/lfs";
    }

    @Override
    public boolean has(Sha256 oid, long size) throws IOException {
        try {
            return batch("upload", oid, size).isEmpty();
        } catch (RegistryException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(Sha256 oid, long size) throws IOException, RegistryException {
        Action action = batch("download", oid, size).orElseThrow(() -> new TransportException(remoteName, "the LFS server "
                + shownUrl + " offered no download for object " + oid.hex()));
        HttpRequest.Builder request = HttpRequest.newBuilder(action.href()).GET().timeout(Duration.ofMinutes(30));
        action.headers().forEach(request::header);
        HttpResponse<InputStream> response = send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new TransportException(remoteName, "the LFS server " + shownUrl + " answered HTTP " + response.statusCode()
                    + " to the download of object " + oid.hex());
        }
        return response.body();
    }

    @Override
    public void upload(Sha256 oid, long size, InputStream in) throws IOException, RegistryException {
        Optional<Action> action = batch("upload", oid, size);
        if (action.isEmpty()) {
            return; // the server has it already
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(action.get().href()).timeout(Duration.ofMinutes(30))
                .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> in), size));
        action.get().headers().forEach(request::header);
        HttpResponse<String> response = send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new TransportException(remoteName, "the LFS server " + shownUrl + " answered HTTP " + response.statusCode()
                    + " to the upload of object " + oid.hex() + "; run the push again (objects already uploaded are skipped)");
        }
    }

    /** Asks the batch API for one object; empty means "nothing to do" (already there for an upload). */
    private Optional<Action> batch(String operation, Sha256 oid, long size) throws IOException, RegistryException {
        String body = "{\"operation\":\"" + operation + "\",\"transfers\":[\"basic\"],\"objects\":[{\"oid\":\"" + oid.hex()
                + "\",\"size\":" + size + "}],\"hash_algo\":\"sha256\"}";
        HttpRequest.Builder request = HttpRequest.newBuilder(batchUrl).timeout(Duration.ofMinutes(2))
                .header("Accept", MEDIA_TYPE).header("Content-Type", MEDIA_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = sendWithAuth(request);
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new TransportException(remoteName, "the LFS server " + shownUrl + " refused the credentials (HTTP "
                    + response.statusCode() + "); put user:password in the remote URL, set GIT_MODEL_TOKEN, or configure a git"
                    + " credential helper");
        }
        if (response.statusCode() != 200) {
            throw new TransportException(remoteName, "the LFS server " + shownUrl + " answered HTTP " + response.statusCode()
                    + " to a batch " + operation + " request" + firstLine(response.body()));
        }
        return action(response.body(), operation, oid, size);
    }

    private HttpResponse<String> sendWithAuth(HttpRequest.Builder request) throws IOException, RegistryException {
        if (credentials != null && credentials.isPresent()) {
            request.header("Authorization", credentials.get().basicHeader());
        }
        HttpRequest built = request.build();
        HttpResponse<String> response = send(built, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 401 && credentials == null) {
            credentials = Credentials.find(remoteUrl, env);
            if (credentials.isPresent()) {
                HttpRequest.Builder again = HttpRequest.newBuilder(built, (name, value) -> !name.equalsIgnoreCase("Authorization"));
                again.header("Authorization", credentials.get().basicHeader());
                response = send(again.build(), HttpResponse.BodyHandlers.ofString());
            }
        }
        return response;
    }

    @SuppressWarnings("unchecked")
    private Optional<Action> action(String json, String operation, Sha256 oid, long size) throws RegistryException {
        String file = "LFS batch response of " + shownUrl;
        Map<String, Object> doc;
        try {
            doc = SafeYaml.loadMap(json, file);
        } catch (CorruptMetadataException e) {
            throw new TransportException(remoteName, "the LFS server " + shownUrl + " sent a malformed batch response: "
                    + e.getMessage(), e);
        }
        if (!(doc.get("objects") instanceof List<?> objects) || objects.size() != 1 || !(objects.get(0) instanceof Map<?, ?> o)) {
            throw new TransportException(remoteName, "the LFS server " + shownUrl + " sent a batch response without the object "
                    + oid.hex());
        }
        if (!oid.hex().equals(o.get("oid")) || !(o.get("size") instanceof Number n) || n.longValue() != size) {
            throw new TransportException(remoteName, "the LFS server " + shownUrl + " answered for another object or size than "
                    + oid.hex() + " (" + size + " bytes)");
        }
        if (o.get("error") instanceof Map<?, ?> error) {
            throw new TransportException(remoteName, "the LFS server " + shownUrl + " reports for object " + oid.hex() + ": "
                    + error.get("code") + " " + error.get("message"));
        }
        if (!(o.get("actions") instanceof Map<?, ?> actions) || !(actions.get(operation) instanceof Map<?, ?> a)) {
            return Optional.empty();
        }
        Object href = a.get("href");
        if (!(href instanceof String h) || !(h.startsWith("http://") || h.startsWith("https://"))) {
            throw new TransportException(remoteName, "the LFS server " + shownUrl + " sent an invalid href for object " + oid.hex());
        }
        Map<String, String> headers = new HashMap<>();
        if (a.get("header") instanceof Map<?, ?> hs) {
            ((Map<Object, Object>) hs).forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
        }
        if (!headers.containsKey("Authorization") && credentials != null && credentials.isPresent()) {
            headers.put("Authorization", credentials.get().basicHeader());
        }
        headers.remove("Content-Length");
        return Optional.of(new Action(URI.create(h), headers));
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException, RegistryException {
        try {
            return client.send(request, handler);
        } catch (java.net.ConnectException e) {
            throw new TransportException(remoteName, "cannot connect to " + shownUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while talking to " + shownUrl, e);
        }
    }

    private static String firstLine(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String line = body.strip().lines().findFirst().orElse("");
        return ": " + (line.length() > 200 ? line.substring(0, 200) + "..." : line);
    }
}
