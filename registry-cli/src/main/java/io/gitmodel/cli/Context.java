package io.gitmodel.cli;

import java.nio.file.Path;
import java.util.Map;

/** What a command run sees of its process: environment variables and working directory. */
record Context(Map<String, String> env, Path workingDirectory) {
    Path resolve(String path) {
        return workingDirectory.resolve(path).toAbsolutePath().normalize();
    }
}
