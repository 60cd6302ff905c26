package io.gitmodel.cli;

import io.gitmodel.registry.Registry;
import picocli.CommandLine.IVersionProvider;

/** {@code git-model --version}: the library version and the Java runtime. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"git-model " + Registry.libraryVersion(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
