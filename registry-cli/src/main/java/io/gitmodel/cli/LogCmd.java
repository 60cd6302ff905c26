package io.gitmodel.cli;

import io.gitmodel.registry.Registry;
import io.gitmodel.registry.errors.RegistryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "log", mixinStandardHelpOptions = true,
        description = "Every change of one stage, oldest first, with signatures verified.")
final class LogCmd extends BaseCmd {
    @Option(names = "--stage", required = true, paramLabel = "<stage>", description = "The stage, e.g. production.")
    String stage;

    @Option(names = "--json", description = "Print a JSON array of events.")
    boolean json;

    @Override
    void run() throws RegistryException {
        try (Registry registry = root.openRegistry()) {
            EventsRenderer.print(out(), registry.log(stage), json);
        }
    }
}
