package io.gitmodel.cli;

import java.nio.file.Path;
import java.util.Map;

/** What a command run sees of its process: environment variables, working directory, standard input. */
record Context(Map<String, String> env, Path workingDirectory, java.io.InputStream in) {
    Context(Map<String, String> env, Path workingDirectory) {
        this(env, workingDirectory, System.in);
    }

    Path resolve(String path) {
        return workingDirectory.resolve(path).toAbsolutePath().normalize();
    }

    /** A remote's URL as typed: a relative local path is made absolute, URLs (and anything blank) are kept. */
    String remoteUrl(String url) {
        return url.isBlank() || url.contains("://") || url.matches("[^/]+@[^/]+:.*") ? url : resolve(url).toString();
    }
}
