package io.gitmodel.registry.internal.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The library's version from its {@code version.properties}, read once: every registration records it. */
public final class LibraryVersion {
    private static volatile String version;

    private LibraryVersion() {
    }

    public static String get() {
        String v = version;
        if (v == null) {
            v = read();
            version = v;
        }
        return v;
    }

    private static String read() {
        try (InputStream in = LibraryVersion.class.getResourceAsStream("/io/gitmodel/registry/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
