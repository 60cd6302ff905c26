package io.gitmodel.cli;

import io.gitmodel.registry.Registry;
import io.gitmodel.registry.StageChangeCommand;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "release", header = "Promote several versions to one stage in ONE commit.", mixinStandardHelpOptions = true,
        description = {"Promote several versions to one stage in ONE commit: all change together or none does.",
            "Every version is checked against the stage's rules before anything is written."})
final class ReleaseCmd extends StageCmd {
    @Parameters(index = "0", paramLabel = "<stage>", description = "The stage, e.g. production.")
    String stage;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "<ref>", description = "The versions, one per model.")
    List<String> refs;

    @Override
    StageChangeCommand<?> command(Registry registry) {
        return registry.release(stage, refs);
    }
}
