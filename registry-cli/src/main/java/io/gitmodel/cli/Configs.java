package io.gitmodel.cli;

import io.gitmodel.registry.RegistryConfig;

/** The library configuration of a command-line run. */
final class Configs {
    private Configs() {
    }

    static RegistryConfig forCli(Context context) {
        return RegistryConfig.builder()
                .environment(context.env())
                .sourceDirectory(context.workingDirectory())
                .build();
    }
}
