package io.gitmodel.cli;

import picocli.CommandLine.Mixin;
import java.util.List;
import io.gitmodel.registry.ModelEvent;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.errors.RegistryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "log", mixinStandardHelpOptions = true,
        description = "Every change of one stage, oldest first, with signatures verified. --json prints an array of "
            + "events, as history does.")
final class LogCmd extends BaseCmd {
    @Option(names = "--stage", required = true, paramLabel = "<stage>", description = "The stage, e.g. production.")
    String stage;

    @Mixin
    OutputOptions output;

    @Override
    void run() throws RegistryException {
        try (Registry registry = root.openRegistry()) {
            List<ModelEvent> events = registry.log(stage);
            if (!output.print(out(), events.stream().map(Documents::event).toList())) {
                Views.events(out(), events);
            }
        }
    }
}
