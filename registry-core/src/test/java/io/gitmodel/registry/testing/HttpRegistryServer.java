package io.gitmodel.registry.testing;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lfs.lib.AnyLongObjectId;
import org.eclipse.jgit.lfs.server.LargeFileRepository;
import org.eclipse.jgit.lfs.server.LfsProtocolServlet;
import org.eclipse.jgit.lfs.server.fs.FileLfsRepository;
import org.eclipse.jgit.lfs.server.fs.FileLfsServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.resolver.ServiceNotAuthorizedException;

/**
 * An in-process Git smart-HTTP + Git LFS server for tests (Jetty 12 on 127.0.0.1, ephemeral port).
 *
 * <p>Serves every bare repository under a base directory: {@code http://127.0.0.1:PORT/<name>.git}
 * is {@code <base>/<name>.git} (JGit's {@code GitServlet}; fetch and push, push open to anyone, or to
 * authenticated callers when basic auth is on). Git LFS batch API at
 * {@code /<name>.git/info/lfs/objects/batch} and object transfers at
 * {@code /<name>.git/info/lfs/objects/<oid>} (JGit's {@code LfsProtocolServlet} and
 * {@code FileLfsServlet}), stored in {@code <base>/<name>.git/lfs/objects/aa/bb/<oid>} — the layout
 * git-lfs itself uses in a bare repository, so a {@code file://} remote pointed at the same
 * directory sees the same objects. {@code /<name>.git/info/lfs/locks/*} answers 404 (git-lfs then
 * skips lock verification).
 *
 * <p>Test hooks: {@link #injectFault(Fault)} (corrupt, truncated, padded or failed transfers),
 * {@link #setInterceptor(Interceptor)} for anything else, and a log of every request
 * ({@link #requests()}, {@link #requestCount(Predicate)}).
 *
 * <pre>{@code
 * try (HttpRegistryServer server = HttpRegistryServer.builder(tmp.resolve("srv")).basicAuth("ada", "s3cret").start()) {
 *     server.createBareRepository("hub");
 *     git.git(work, "push", server.authenticatedUrl("hub"), "main");
 * }
 * }</pre>
 */
public final class HttpRegistryServer implements AutoCloseable {
    /** Faults the server can inject into Git LFS object transfers and batch calls. */
    public enum Fault {
        /** Object downloads (GET) return the stored bytes with one byte flipped (same length). */
        CORRUPT_DOWNLOAD,
        /** Object downloads return the stored bytes minus the last one (Content-Length says so). */
        TRUNCATED_DOWNLOAD,
        /** Object downloads return the stored bytes plus one extra byte. */
        PADDED_DOWNLOAD,
        /** Object downloads answer 500. */
        FAIL_DOWNLOAD,
        /** Object uploads (PUT) answer 500 after reading the body; nothing is stored. */
        FAIL_UPLOAD,
        /** Batch API calls answer 500. */
        FAIL_BATCH
    }

    /**
     * A hook run before the server handles any request (after the auth check). Return {@code true}
     * when it has written the response itself; the request then goes no further.
     */
    @FunctionalInterface
    public interface Interceptor {
        boolean intercept(HttpServletRequest request, HttpServletResponse response) throws IOException;
    }

    /** One request the server received; {@link #status()} is -1 until the response completed. */
    public static final class RecordedRequest {
        private final String method;
        private final String path;
        private final String query;
        private final boolean authorization;
        private volatile int status = -1;

        RecordedRequest(String method, String path, String query, boolean authorization) {
            this.method = method;
            this.path = path;
            this.query = query;
            this.authorization = authorization;
        }

        public String method() {
            return method;
        }

        /** The path, without the query string. */
        public String path() {
            return path;
        }

        public String query() {
            return query;
        }

        /** Whether the request carried an Authorization header. */
        public boolean hadAuthorization() {
            return authorization;
        }

        public int status() {
            return status;
        }

        public boolean isLfsBatch() {
            return path.endsWith("/info/lfs/objects/batch");
        }

        /** A GET or PUT of one LFS object. */
        public boolean isLfsObject() {
            return OBJECT_PATH.matcher(path).matches();
        }

        @Override
        public String toString() {
            return method + " " + path + (query == null ? "" : "?" + query) + " -> " + status;
        }
    }

    public static final class Builder {
        private final Path base;
        private String user;
        private String password;
        private long lfsTimeoutMillis = 60_000;

        private Builder(Path base) {
            this.base = Objects.requireNonNull(base);
        }

        /** Require HTTP basic auth with these credentials on every request. */
        public Builder basicAuth(String user, String password) {
            this.user = Objects.requireNonNull(user);
            this.password = Objects.requireNonNull(password);
            return this;
        }

        /** Timeout for one LFS object upload or download (default 60 s). */
        public Builder lfsTimeoutMillis(long millis) {
            this.lfsTimeoutMillis = millis;
            return this;
        }

        public HttpRegistryServer start() throws IOException {
            return new HttpRegistryServer(this);
        }
    }

    private static final Pattern LFS_PATH = Pattern.compile("^/(.+\\.git)/info/lfs/(.*)$");
    private static final Pattern OBJECT_PATH = Pattern.compile("^/.+\\.git/info/lfs/objects/[0-9a-f]{64}$");
    private static final Pattern OID = Pattern.compile("[0-9a-f]{64}");
    private static final String USER_ATTRIBUTE = HttpRegistryServer.class.getName() + ".user";

    private final Path base;
    private final String user;
    private final String password;
    private final String expectedAuthorization;
    private final long lfsTimeoutMillis;
    private final Server server;
    private final int port;
    private final Map<String, LfsEndpoint> lfsEndpoints = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private volatile Fault fault;
    private final AtomicInteger faultsLeft = new AtomicInteger();
    private volatile Interceptor interceptor;
    private volatile ServletContext servletContext;

    /** A server without authentication, serving the bare repositories under {@code base}. */
    public HttpRegistryServer(Path base) throws IOException {
        this(new Builder(base));
    }

    public static Builder builder(Path base) {
        return new Builder(base);
    }

    private HttpRegistryServer(Builder b) throws IOException {
        this.base = Files.createDirectories(b.base).toAbsolutePath().normalize();
        this.user = b.user;
        this.password = b.password;
        this.expectedAuthorization = user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.lfsTimeoutMillis = b.lfsTimeoutMillis;

        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("http-registry-server");
        threads.setDaemon(true);
        server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        // FileLfsServlet is asynchronous: every filter and the servlet of its chain must allow it
        addFilter(context, new AuthFilter());
        addFilter(context, new InterceptorFilter());
        addFilter(context, new LfsRouter());
        GitServlet git = new GitServlet();
        git.setRepositoryResolver((req, name) -> openRepository(name));
        git.setReceivePackFactory((req, db) -> {
            if (user != null && req.getAttribute(USER_ATTRIBUTE) == null) {
                throw new ServiceNotAuthorizedException();
            }
            return new ReceivePack(db);
        });
        ServletHolder gitHolder = new ServletHolder("git", git);
        gitHolder.setAsyncSupported(true);
        context.addServlet(gitHolder, "/*");

        server.setHandler(new RecordingHandler(context));
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IOException("cannot start Jetty", e);
        }
        this.port = connector.getLocalPort();
        this.servletContext = context.getServletContext();
    }

    private static void addFilter(ServletContextHandler context, Filter filter) {
        FilterHolder holder = new FilterHolder(filter);
        holder.setAsyncSupported(true);
        context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
    }

    // ---------------------------------------------------------------- addresses and repositories

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT} */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code http://127.0.0.1:PORT/<name>.git} ({@code name} with or without {@code .git}). */
    public String url(String repoName) {
        return baseUrl() + "/" + gitName(repoName);
    }

    /** {@link #url} with the basic-auth credentials in it: {@code http://user:pass@127.0.0.1:PORT/<name>.git}. */
    public String authenticatedUrl(String repoName) {
        if (user == null) {
            return url(repoName);
        }
        return "http://" + URLEncoder.encode(user, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "@127.0.0.1:" + port + "/" + gitName(repoName);
    }

    /** The Git LFS endpoint git-lfs derives from {@link #url}: {@code <url>/info/lfs}. */
    public String lfsUrl(String repoName) {
        return url(repoName) + "/info/lfs";
    }

    public Path baseDirectory() {
        return base;
    }

    /** {@code <base>/<name>.git} */
    public Path repositoryDirectory(String repoName) {
        return resolve(gitName(repoName));
    }

    /** {@code <base>/<name>.git/lfs/objects}, where the server stores LFS objects. */
    public Path lfsObjectsDirectory(String repoName) {
        return repositoryDirectory(repoName).resolve("lfs").resolve("objects");
    }

    /** {@code <base>/<name>.git/lfs/objects/aa/bb/<oid>} */
    public Path lfsObject(String repoName, String oid) {
        if (!OID.matcher(oid).matches()) {
            throw new IllegalArgumentException("not a SHA-256 object id: " + oid);
        }
        return lfsObjectsDirectory(repoName).resolve(oid.substring(0, 2)).resolve(oid.substring(2, 4)).resolve(oid);
    }

    /** Creates the bare repository {@code <base>/<name>.git} with JGit, HEAD pointing at refs/heads/main. */
    public Path createBareRepository(String repoName) throws IOException {
        Path dir = repositoryDirectory(repoName);
        try (Git git = Git.init().setBare(true).setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            return dir;
        } catch (GitAPIException e) {
            throw new IOException("cannot create " + dir, e);
        }
    }

    private static String gitName(String repoName) {
        String name = repoName.startsWith("/") ? repoName.substring(1) : repoName;
        return name.endsWith(".git") ? name : name + ".git";
    }

    private Path resolve(String name) {
        Path dir = base.resolve(name).normalize();
        if (!dir.startsWith(base) || dir.equals(base)) {
            throw new IllegalArgumentException("repository outside the base directory: " + name);
        }
        return dir;
    }

    private Path existingRepository(String name) {
        if (name == null || name.isEmpty() || name.contains("\\")) {
            return null;
        }
        Path dir;
        try {
            dir = resolve(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (Files.isRegularFile(dir.resolve("HEAD")) && Files.isDirectory(dir.resolve("objects"))) {
            return dir;
        }
        return null;
    }

    private Repository openRepository(String name) throws RepositoryNotFoundException {
        Path dir = existingRepository(name);
        if (dir == null && !name.endsWith(".git")) {
            dir = existingRepository(name + ".git");
        }
        if (dir == null) {
            throw new RepositoryNotFoundException(name);
        }
        try {
            return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
        } catch (IOException e) {
            RepositoryNotFoundException notFound = new RepositoryNotFoundException(name);
            notFound.initCause(e);
            throw notFound;
        }
    }

    // ---------------------------------------------------------------- test hooks

    /** Injects {@code fault} into every matching request until {@link #clearFault()}. */
    public void injectFault(Fault fault) {
        injectFault(fault, Integer.MAX_VALUE);
    }

    /** Injects {@code fault} into the next {@code times} matching requests. */
    public void injectFault(Fault fault, int times) {
        this.faultsLeft.set(times);
        this.fault = Objects.requireNonNull(fault);
    }

    public void clearFault() {
        this.fault = null;
        this.faultsLeft.set(0);
    }

    /** How many injected faults are still to come (0 when none is set). */
    public int faultsLeft() {
        return fault == null ? 0 : faultsLeft.get();
    }

    /** Sets (or with {@code null} removes) a hook run before each authenticated request. */
    public void setInterceptor(Interceptor interceptor) {
        this.interceptor = interceptor;
    }

    /** Every request received so far, oldest first. */
    public List<RecordedRequest> requests() {
        return Collections.unmodifiableList(new ArrayList<>(requests));
    }

    public int requestCount() {
        return requests.size();
    }

    public long requestCount(Predicate<RecordedRequest> filter) {
        return requests.stream().filter(filter).count();
    }

    public void clearRequests() {
        requests.clear();
    }

    /** Takes one injected fault if the current one is {@code wanted}. */
    private boolean takeFault(Fault wanted) {
        if (fault != wanted) {
            return false;
        }
        int left = faultsLeft.getAndUpdate(n -> n == Integer.MAX_VALUE ? n : Math.max(0, n - 1));
        if (left <= 0) {
            return false;
        }
        if (left == 1) {
            fault = null;
        }
        return true;
    }

    @Override
    public void close() throws Exception {
        server.stop();
        server.join();
    }

    // ---------------------------------------------------------------- plumbing

    /** Records every request and, when its response is complete, the status. */
    private final class RecordingHandler extends Handler.Wrapper {
        RecordingHandler(Handler handler) {
            super(handler);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            RecordedRequest recorded = new RecordedRequest(request.getMethod(), request.getHttpURI().getPath(),
                    request.getHttpURI().getQuery(), request.getHeaders().contains("Authorization"));
            requests.add(recorded);
            Request.addCompletionListener(request, failure -> recorded.status = response.getStatus());
            return super.handle(request, response, callback);
        }
    }

    private abstract static class HttpFilter implements Filter {
        @Override
        public void init(FilterConfig config) {
        }

        @Override
        public final void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            doFilter((HttpServletRequest) request, (HttpServletResponse) response, chain);
        }

        abstract void doFilter(HttpServletRequest req, HttpServletResponse rsp, FilterChain chain)
                throws IOException, ServletException;
    }

    private final class AuthFilter extends HttpFilter {
        @Override
        void doFilter(HttpServletRequest req, HttpServletResponse rsp, FilterChain chain) throws IOException, ServletException {
            if (expectedAuthorization != null) {
                if (!expectedAuthorization.equals(req.getHeader("Authorization"))) {
                    drain(req);
                    rsp.setHeader("WWW-Authenticate", "Basic realm=\"git-model test\"");
                    rsp.sendError(HttpServletResponse.SC_UNAUTHORIZED);
                    return;
                }
                req.setAttribute(USER_ATTRIBUTE, user);
            }
            chain.doFilter(req, rsp);
        }
    }

    private final class InterceptorFilter extends HttpFilter {
        @Override
        void doFilter(HttpServletRequest req, HttpServletResponse rsp, FilterChain chain) throws IOException, ServletException {
            Interceptor hook = interceptor;
            if (hook != null && hook.intercept(req, rsp)) {
                return;
            }
            chain.doFilter(req, rsp);
        }
    }

    /** Sends {@code /<name>.git/info/lfs/...} to that repository's LFS servlets, the rest to GitServlet. */
    private final class LfsRouter extends HttpFilter {
        @Override
        void doFilter(HttpServletRequest req, HttpServletResponse rsp, FilterChain chain) throws IOException, ServletException {
            String path = req.getRequestURI().substring(req.getContextPath().length());
            Matcher m = LFS_PATH.matcher(path);
            if (!m.matches()) {
                chain.doFilter(req, rsp);
                return;
            }
            String repo = m.group(1);
            String rest = m.group(2);
            LfsEndpoint endpoint = endpoint(repo);
            if (endpoint == null) {
                notFound(req, rsp, "Repository not found: " + repo);
            } else if (rest.equals("objects/batch")) {
                if (takeFault(Fault.FAIL_BATCH)) {
                    serverError(req, rsp, "injected fault: batch");
                    return;
                }
                endpoint.batch.service(new PathInfo(req, "/" + repo), rsp);
            } else if (rest.startsWith("objects/") && OID.matcher(rest.substring(8)).matches()) {
                String oid = rest.substring(8);
                if ("GET".equals(req.getMethod()) && downloadFault(endpoint, oid, rsp)) {
                    return;
                }
                if ("PUT".equals(req.getMethod()) && takeFault(Fault.FAIL_UPLOAD)) {
                    serverError(req, rsp, "injected fault: upload");
                    return;
                }
                endpoint.objects.service(new PathInfo(req, "/" + oid), rsp);
            } else {
                // locks API and anything else: not supported (git-lfs ignores a 404 on locks/verify)
                notFound(req, rsp, "Not found: " + path);
            }
        }
    }

    /** Serves a faulty download if one is injected and the object exists. */
    private boolean downloadFault(LfsEndpoint endpoint, String oid, HttpServletResponse rsp) throws IOException {
        Fault current = fault;
        if (current != Fault.CORRUPT_DOWNLOAD && current != Fault.TRUNCATED_DOWNLOAD
                && current != Fault.PADDED_DOWNLOAD && current != Fault.FAIL_DOWNLOAD) {
            return false;
        }
        Path file = lfsObject(endpoint.name, oid);
        if (!Files.isRegularFile(file) || !takeFault(current)) {
            return false;
        }
        if (current == Fault.FAIL_DOWNLOAD) {
            rsp.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "injected fault: download");
            return true;
        }
        byte[] bytes = Files.readAllBytes(file);
        switch (current) {
            case CORRUPT_DOWNLOAD -> {
                if (bytes.length == 0) {
                    bytes = new byte[] {0};
                } else {
                    bytes[bytes.length / 2] ^= 0x01;
                }
            }
            case TRUNCATED_DOWNLOAD -> bytes = java.util.Arrays.copyOf(bytes, Math.max(0, bytes.length - 1));
            case PADDED_DOWNLOAD -> bytes = java.util.Arrays.copyOf(bytes, bytes.length + 1);
            default -> throw new AssertionError(current);
        }
        rsp.setStatus(HttpServletResponse.SC_OK);
        rsp.setContentType("application/octet-stream");
        rsp.setContentLengthLong(bytes.length);
        try (OutputStream out = rsp.getOutputStream()) {
            out.write(bytes);
        }
        return true;
    }

    private static void drain(HttpServletRequest req) {
        try {
            req.getInputStream().transferTo(OutputStream.nullOutputStream());
        } catch (IOException | IllegalStateException e) {
            // the client may have gone; the error response is what matters
        }
    }

    private static void notFound(HttpServletRequest req, HttpServletResponse rsp, String message) throws IOException {
        drain(req);
        lfsError(rsp, HttpServletResponse.SC_NOT_FOUND, message);
    }

    private static void serverError(HttpServletRequest req, HttpServletResponse rsp, String message) throws IOException {
        drain(req);
        lfsError(rsp, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, message);
    }

    private static void lfsError(HttpServletResponse rsp, int status, String message) throws IOException {
        rsp.setStatus(status);
        rsp.setContentType("application/vnd.git-lfs+json; charset=utf-8");
        rsp.getWriter().write("{\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
        rsp.flushBuffer();
    }

    private LfsEndpoint endpoint(String repo) throws ServletException {
        Path dir = existingRepository(repo);
        if (dir == null) {
            return null;
        }
        try {
            return lfsEndpoints.computeIfAbsent(repo, name -> {
                try {
                    return new LfsEndpoint(name);
                } catch (IOException | ServletException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (IllegalStateException e) {
            throw new ServletException("cannot serve Git LFS for " + repo, e.getCause());
        }
    }

    /** The LFS servlets of one repository. */
    private final class LfsEndpoint {
        final String name;
        final FileLfsRepository store;
        final HttpServlet batch;
        final FileLfsServlet objects;

        LfsEndpoint(String name) throws IOException, ServletException {
            this.name = name;
            // hrefs are absolute: the port must be known, which it is once Jetty has started
            this.store = new FileLfsRepository(baseUrl() + "/" + name + "/info/lfs/objects/",
                    lfsObjectsDirectory(name));
            this.batch = new LfsProtocolServlet() {
                private static final long serialVersionUID = 1L;

                @Override
                protected LargeFileRepository getLargeFileRepository(LfsRequest request, String path, String auth) {
                    return new CallerAuthorization(store, auth);
                }
            };
            this.objects = new FileLfsServlet(store, lfsTimeoutMillis);
            batch.init(config("lfs-batch:" + name));
            objects.init(config("lfs-objects:" + name));
        }
    }

    private ServletConfig config(String name) {
        ServletContext context = servletContext;
        return new ServletConfig() {
            @Override
            public String getServletName() {
                return name;
            }

            @Override
            public ServletContext getServletContext() {
                return context;
            }

            @Override
            public String getInitParameter(String param) {
                return null;
            }

            @Override
            public Enumeration<String> getInitParameterNames() {
                return Collections.emptyEnumeration();
            }
        };
    }

    /**
     * FileLfsRepository puts {@code Authorization: not:required} on its actions, which git-lfs then
     * sends with the transfer: behind basic auth that is a 401. Hand the batch caller's own
     * Authorization header on instead.
     */
    private static final class CallerAuthorization implements LargeFileRepository {
        private final FileLfsRepository store;
        private final String auth;

        CallerAuthorization(FileLfsRepository store, String auth) {
            this.store = store;
            this.auth = auth;
        }

        private org.eclipse.jgit.lfs.server.Response.Action withAuth(org.eclipse.jgit.lfs.server.Response.Action action) {
            if (action != null && auth != null) {
                action.header = Map.of("Authorization", auth);
            }
            return action;
        }

        @Override
        public org.eclipse.jgit.lfs.server.Response.Action getDownloadAction(AnyLongObjectId id) {
            return withAuth(store.getDownloadAction(id));
        }

        @Override
        public org.eclipse.jgit.lfs.server.Response.Action getUploadAction(AnyLongObjectId id, long size) {
            return withAuth(store.getUploadAction(id, size));
        }

        @Override
        public org.eclipse.jgit.lfs.server.Response.Action getVerifyAction(AnyLongObjectId id) {
            return withAuth(store.getVerifyAction(id));
        }

        @Override
        public long getSize(AnyLongObjectId id) throws IOException {
            return store.getSize(id);
        }
    }

    /** Presents a request to a servlet as if it were mapped so that its path info is {@code pathInfo}. */
    private static final class PathInfo extends HttpServletRequestWrapper {
        private final String pathInfo;
        private final String servletPath;

        PathInfo(HttpServletRequest request, String pathInfo) {
            super(request);
            this.pathInfo = pathInfo;
            String path = request.getRequestURI().substring(request.getContextPath().length());
            this.servletPath = path.endsWith(pathInfo) ? path.substring(0, path.length() - pathInfo.length()) : path;
        }

        @Override
        public String getPathInfo() {
            return pathInfo;
        }

        @Override
        public String getServletPath() {
            return servletPath;
        }
    }
}
