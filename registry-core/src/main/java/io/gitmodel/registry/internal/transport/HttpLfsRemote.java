package io.gitmodel.registry.internal.transport;

import io.gitmodel.registry.internal.store.RemoteConfig;
import io.gitmodel.registry.Artifact;
import io.gitmodel.registry.Sha256;
import io.gitmodel.registry.errors.CorruptMetadataException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.TransportException;
import io.gitmodel.registry.internal.format.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Git LFS server, through the batch API with the basic transfer adapter
 * (https://github.com/git-lfs/git-lfs/blob/main/docs/api/batch.md): any LFS server (GitHub,
 * GitLab, Gitea, JGit's) can hold the artifacts. Objects are asked about 100 per batch request,
 * as git-lfs does; the actions the server hands out are used until they expire. Every byte read
 * is verified by the caller; a server answer that is not what the spec says is an error naming
 * the server, and a server answer is never read beyond {@link HttpCalls#MAX_ANSWER} bytes.
 */
final class HttpLfsRemote implements LfsRemote {
    private static final String MEDIA_TYPE = "application/vnd.git-lfs+json";
    /** Objects per batch request: git-lfs's default ({@code lfs.transfer.batchSize}). */
    static final int BATCH_SIZE = 100;
    /** An action about to expire is asked for again rather than used. */
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);

    private final String remoteName;
    private final URI batchUrl;
    private final String shownUrl;
    private final Map<String, String> env;
    private final String credentialUrl;
    private final java.nio.file.Path gitDir;
    private final HttpCalls http;
    /** Null until the server first asks for credentials; then what was found (maybe nothing). */
    private Optional<Credentials.UserPassword> credentials;
    private final Map<Sha256, Actions> uploads = new HashMap<>();
    private final Map<Sha256, Actions> downloads = new HashMap<>();

    /** Where to send or get an object's bytes, with which headers, until when. */
    private record Action(URI href, Map<String, String> headers, Instant expires) {
        boolean usable() {
            return expires == null || Instant.now().plus(EXPIRY_MARGIN).isBefore(expires);
        }
    }

    /** What the server said to do with one object: nothing (it has it), or transfer (and verify). */
    private record Actions(Action transfer, Action verify) {
        boolean usable() {
            return transfer == null || transfer.usable() && (verify == null || verify.usable());
        }
    }

    HttpLfsRemote(String remoteName, String remoteUrl, String lfsUrl, Map<String, String> env, java.nio.file.Path gitDir) {
        this.gitDir = gitDir;
        this.remoteName = remoteName;
        this.env = env;
        String base = lfsUrl != null ? lfsUrl : defaultLfsUrl(RemoteConfig.redact(remoteUrl));
        // credentials are looked up for the server that asks for them: the LFS server's own URL if configured
        this.credentialUrl = lfsUrl != null ? lfsUrl : remoteUrl;
        this.batchUrl = URI.create(RemoteConfig.redact(base).replaceAll("/+$", "") + "/objects/batch");
        this.shownUrl = RemoteConfig.redact(base);
        this.http = new HttpCalls(remoteName, shownUrl);
    }

    /** The Git LFS server of a Git URL: {@code <url>/info/lfs}, with {@code .git} added when missing. */
    static String defaultLfsUrl(String url) {
        String u = url.replaceAll("/+$", "");
        return (u.endsWith(".git") ? u : u + ".git") + "/info/lfs";
    }

    @Override
    public boolean has(Sha256 oid, long size) throws IOException {
        try {
            return batch("upload", Map.of(oid, size)).get(oid).transfer() == null;
        } catch (RegistryException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public List<Artifact> missing(Collection<Artifact> artifacts) throws IOException, RegistryException {
        List<Artifact> missing = new ArrayList<>();
        for (List<Artifact> chunk : chunks(artifacts)) {
            Map<Sha256, Actions> answer = batch("upload", sizes(chunk));
            for (Artifact a : chunk) {
                Actions actions = answer.get(a.oid());
                if (actions.transfer() != null) {
                    uploads.put(a.oid(), actions);
                    missing.add(a);
                }
            }
        }
        return missing;
    }

    @Override
    public void prepareDownloads(Collection<Artifact> artifacts) throws IOException, RegistryException {
        for (List<Artifact> chunk : chunks(artifacts)) {
            downloads.putAll(batch("download", sizes(chunk)));
        }
    }

    @Override
    public InputStream open(Sha256 oid, long size) throws IOException, RegistryException {
        Actions actions = cached(downloads, "download", oid, size);
        if (actions.transfer() == null) {
            throw new TransportException(remoteName, "the LFS server " + shownUrl + " offered no download for object " + oid.hex());
        }
        HttpCalls.Download response = http.get(actions.transfer().href(), actions.transfer().headers());
        if (response.status() != 200) {
            throw new TransportException(remoteName, "the LFS server " + shownUrl + " answered HTTP " + response.status()
                    + " to the download of object " + oid.hex() + firstLine(response.body()));
        }
        return response.stream();
    }

    @Override
    public void upload(Sha256 oid, long size, InputStream in) throws IOException, RegistryException {
        Actions actions = cached(uploads, "upload", oid, size);
        if (actions.transfer() == null) {
            return; // the server has it already
        }
        Map<String, String> headers = new HashMap<>(actions.transfer().headers());
        headers.putIfAbsent("Content-Type", "application/octet-stream");
        HttpCalls.Answer response = http.put(actions.transfer().href(), headers, in, size);
        if (response.status() / 100 != 2) {
            throw new TransportException(remoteName, "the LFS server " + shownUrl + " answered HTTP " + response.status()
                    + " to the upload of object " + oid.hex() + firstLine(response.body())
                    + "; run the push again (objects already uploaded are skipped)");
        }
        if (actions.verify() != null) {
            verify(actions.verify(), oid, size);
        }
    }

    /** The verify action: the server confirms it stored the object whole. */
    private void verify(Action verify, Sha256 oid, long size) throws IOException, RegistryException {
        Map<String, String> headers = new HashMap<>(verify.headers());
        headers.put("Accept", MEDIA_TYPE);
        headers.put("Content-Type", MEDIA_TYPE);
        HttpCalls.Answer response = http.post(verify.href(), headers, Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("oid", oid.hex());
            g.writeNumberField("size", size);
            g.writeEndObject();
        }));
        if (response.status() / 100 != 2) {
            throw new TransportException(remoteName, "the LFS server " + shownUrl + " did not confirm object " + oid.hex()
                    + " after its upload (HTTP " + response.status() + firstLine(response.body())
                    + "); run the push again");
        }
    }

    private Actions cached(Map<Sha256, Actions> cache, String operation, Sha256 oid, long size)
            throws IOException, RegistryException {
        Actions actions = cache.remove(oid);
        if (actions != null && actions.usable()) {
            return actions;
        }
        return batch(operation, Map.of(oid, size)).get(oid);
    }

    /** Asks the batch API about some objects; the answer has an entry for every one of them. */
    private Map<Sha256, Actions> batch(String operation, Map<Sha256, Long> objects) throws IOException, RegistryException {
        HttpCalls.Answer response = batchWithAuth(batchRequest(operation, objects));
        if (response.status() == 401 || response.status() == 403) {
            throw new TransportException(remoteName, "the LFS server " + shownUrl + " refused the credentials (HTTP "
                    + response.status() + "); put user:password in the remote URL, set GIT_MODEL_TOKEN, or configure a git"
                    + " credential helper");
        }
        if (response.status() != 200) {
            throw new TransportException(remoteName, "the LFS server " + shownUrl + " answered HTTP " + response.status()
                    + " to a batch " + operation + " request" + firstLine(response.body()));
        }
        return parse(response.body(), operation, objects);
    }

    /** The body of a batch request (Git LFS batch API): the operation, the basic adapter and the objects. */
    static String batchRequest(String operation, Map<Sha256, Long> objects) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("operation", operation);
            g.writeArrayFieldStart("transfers");
            g.writeString("basic");
            g.writeEndArray();
            g.writeStringField("hash_algo", "sha256");
            g.writeArrayFieldStart("objects");
            for (Map.Entry<Sha256, Long> o : objects.entrySet()) {
                g.writeStartObject();
                g.writeStringField("oid", o.getKey().hex());
                g.writeNumberField("size", o.getValue());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** Sends a batch request, without credentials until the server asks for them (401). */
    private HttpCalls.Answer batchWithAuth(String body) throws IOException, RegistryException {
        Map<String, String> headers = new HashMap<>();
        headers.put("Accept", MEDIA_TYPE);
        headers.put("Content-Type", MEDIA_TYPE);
        if (credentials != null && credentials.isPresent()) {
            headers.put("Authorization", credentials.get().basicHeader());
        }
        HttpCalls.Answer response = http.post(batchUrl, headers, body);
        if (response.status() == 401 && credentials == null) {
            credentials = Credentials.find(credentialUrl, env, gitDir);
            if (credentials.isPresent()) {
                headers.put("Authorization", credentials.get().basicHeader());
                response = http.post(batchUrl, headers, body);
            }
        }
        return response;
    }

    private Map<Sha256, Actions> parse(String json, String operation, Map<Sha256, Long> asked) throws RegistryException {
        Map<String, Object> doc;
        try {
            doc = Json.readObject(json, "LFS batch response of " + shownUrl);
        } catch (CorruptMetadataException e) {
            throw invalid("a malformed batch response: " + e.getMessage());
        }
        if (!(doc.get("objects") instanceof List<?> objects)) {
            throw invalid("a batch response without objects");
        }
        Object transfer = doc.get("transfer");
        if (transfer != null && !"basic".equals(transfer)) {
            throw invalid("a batch response for the transfer adapter '" + transfer + "'; git-model speaks 'basic'");
        }
        Map<Sha256, Actions> out = new LinkedHashMap<>();
        for (Object item : objects) {
            if (!(item instanceof Map<?, ?> o) || !(o.get("oid") instanceof String oidText) || !(o.get("size") instanceof Number n)) {
                throw invalid("a batch response entry without oid and size");
            }
            Sha256 oid;
            try {
                oid = Sha256.parse(oidText);
            } catch (IllegalArgumentException e) {
                throw invalid("an invalid oid '" + abbreviate(oidText) + "' in its batch response");
            }
            if (!asked.containsKey(oid) || asked.get(oid) != n.longValue()) {
                throw invalid("an answer for an object or size it was not asked about: " + oid.hex() + " (" + n + " bytes)");
            }
            if (o.get("error") instanceof Map<?, ?> error) {
                boolean missing = error.get("code") instanceof Number code && code.intValue() == 404;
                throw new TransportException(remoteName, "the LFS server " + shownUrl + " reports for object " + oid.hex() + ": "
                        + error.get("code") + " " + abbreviate(String.valueOf(error.get("message")))
                        + (missing ? "; it was never uploaded there: push it from a registry that has it (git-model push, or"
                                + " git lfs push --all)" : ""));
            }
            Map<?, ?> actions = o.get("actions") instanceof Map<?, ?> m ? m : Map.of();
            out.put(oid, new Actions(action(actions.get(operation), oid), "upload".equals(operation)
                    ? action(actions.get("verify"), oid) : null));
        }
        for (Sha256 oid : asked.keySet()) {
            if (!out.containsKey(oid)) {
                throw invalid("a batch response without the object " + oid.hex());
            }
        }
        return out;
    }

    private Action action(Object value, Sha256 oid) throws TransportException {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> a) || !(a.get("href") instanceof String h)
                || !(h.startsWith("http://") || h.startsWith("https://"))) {
            throw invalid("an invalid href for object " + oid.hex());
        }
        URI href;
        try {
            href = URI.create(h);
        } catch (IllegalArgumentException e) {
            throw invalid("an invalid href for object " + oid.hex());
        }
        Map<String, String> headers = new HashMap<>();
        if (a.get("header") instanceof Map<?, ?> hs) {
            hs.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
        }
        boolean serverAuthorizes = headers.keySet().stream().anyMatch(name -> name.equalsIgnoreCase("Authorization"));
        // our credentials go only where they came from: never to another host (a storage service's
        // pre-signed URL), as git-lfs does
        if (!serverAuthorizes && credentials != null && credentials.isPresent() && HttpCalls.sameOrigin(href, batchUrl)) {
            headers.put("Authorization", credentials.get().basicHeader());
        }
        headers.keySet().removeIf(name -> name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Host")
                || name.equalsIgnoreCase("Connection") || name.equalsIgnoreCase("Transfer-Encoding"));
        return new Action(href, headers, expiry(a));
    }

    /** {@code expires_in} (seconds from now) wins over {@code expires_at} (RFC 3339), as the spec says. */
    private Instant expiry(Map<?, ?> action) throws TransportException {
        if (action.get("expires_in") instanceof Number seconds) {
            // clamped: a server's nonsense must not overflow Instant
            return Instant.now().plusSeconds(Math.max(-1, Math.min(seconds.longValue(), 366L * 24 * 3600)));
        }
        if (action.get("expires_at") instanceof String at) {
            try {
                return Instant.parse(at);
            } catch (DateTimeParseException e) {
                try {
                    return java.time.OffsetDateTime.parse(at).toInstant();
                } catch (DateTimeParseException again) {
                    throw invalid("an invalid expires_at '" + abbreviate(at) + "'");
                }
            }
        }
        return null;
    }

    private TransportException invalid(String what) {
        return new TransportException(remoteName, "the LFS server " + shownUrl + " sent " + what);
    }

    private static Map<Sha256, Long> sizes(List<Artifact> artifacts) {
        Map<Sha256, Long> sizes = new LinkedHashMap<>();
        artifacts.forEach(a -> sizes.put(a.oid(), a.size()));
        return sizes;
    }

    private static List<List<Artifact>> chunks(Collection<Artifact> artifacts) {
        Map<Sha256, Artifact> unique = new LinkedHashMap<>();
        artifacts.forEach(a -> unique.putIfAbsent(a.oid(), a));
        List<Artifact> all = new ArrayList<>(unique.values());
        List<List<Artifact>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += BATCH_SIZE) {
            chunks.add(all.subList(i, Math.min(all.size(), i + BATCH_SIZE)));
        }
        return chunks;
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private static String firstLine(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        return ": " + abbreviate(body.strip().lines().findFirst().orElse(""));
    }
}
