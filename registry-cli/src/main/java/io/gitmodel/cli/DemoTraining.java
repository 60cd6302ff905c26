package io.gitmodel.cli;

import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.errors.RegistryException;

/**
 * How the quickstart trains and registers its two versions: the examples' Tribuo training job in a
 * checkout of the sources ({@link ExampleTraining}), else the command line's own small trainer
 * ({@link BuiltInTraining}).
 */
interface DemoTraining extends AutoCloseable {

    /** One run: the command a user would type for it, the version it registered, what it printed. */
    record Run(String command, ModelVersion version, String output) {
    }

    /** Trains version {@code n} of model fraud (1: a quick baseline, 2: better tuned) and registers it. */
    Run train(Registry registry, int n, String registryDir) throws RegistryException;

    /** What trains, for the demo's first lines. */
    String describe();

    @Override
    void close();
}
