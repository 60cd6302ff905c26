package io.gitmodel.registry;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The runtime a version was produced in: language runtime, operating system, CPU architecture
 * and the versions of the libraries that matter (name to version).
 */
public record Environment(String runtime, String os, String arch, Map<String, String> libraries) {
    public Environment {
        Objects.requireNonNull(libraries, "libraries");
        libraries = java.util.Collections.unmodifiableMap(new TreeMap<>(libraries));
    }

    /** The environment of the running JVM, without libraries. */
    public static Environment current() {
        return new Environment(
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("os.arch"),
                Map.of());
    }

    /** A copy with one more library version. */
    public Environment withLibrary(String name, String version) {
        Map<String, String> copy = new TreeMap<>(libraries);
        copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(version, "version"));
        return new Environment(runtime, os, arch, copy);
    }
}
