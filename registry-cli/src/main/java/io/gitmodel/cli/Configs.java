package io.gitmodel.cli;

import io.gitmodel.registry.RegistryConfig;

/** The library configuration of a command-line run. */
final class Configs {
    private Configs() {
    }

    static RegistryConfig forCli(Context context) {
        return forCli(context, false);
    }

    /** With {@code unverified}, reads answer from stage changes that break the policy, with a warning (--unverified). */
    static RegistryConfig forCli(Context context, boolean unverified) {
        return RegistryConfig.builder()
                .environment(context.env())
                .sourceDirectory(context.workingDirectory())
                .readUnverified(unverified)
                .build();
    }
}
