package io.gitmodel.cli;

import io.gitmodel.registry.CompareCommand;
import io.gitmodel.registry.Comparison;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.errors.RegistryException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compare", header = "Show several versions side by side.", mixinStandardHelpOptions = true,
        description = {"Several versions side by side: every metric and parameter, the best value of each metric marked "
            + "with *. The best is the highest, or the lowest for a metric whose name says loss, error, err, rmse, mse, "
            + "mae, mape, latency, perplexity, time or duration.",
            "--json prints {versions: [ref...], metrics: {name: {values: [...], best: ref, lower_is_better}}, "
            + "params: {name: [...]}} (null where a version lacks the value)."})
final class CompareCmd extends BaseCmd {
    @Parameters(arity = "1..*", paramLabel = "<ref>", description = "The versions, e.g. fraud@v1 fraud@v2 fraud@production.")
    List<String> refs = new ArrayList<>();

    @Option(names = "--lower-is-better", paramLabel = "<metric>", description = "A metric whose best value is the lowest.")
    List<String> lower = new ArrayList<>();

    @Option(names = "--higher-is-better", paramLabel = "<metric>",
            description = "A metric whose best value is the highest, whatever its name says.")
    List<String> higher = new ArrayList<>();

    @Mixin
    OutputOptions output;

    @Override
    void run() throws RegistryException {
        try (Registry registry = root.openRegistry()) {
            CompareCommand compare = registry.compare(refs);
            lower.forEach(compare::lowerIsBetter);
            higher.forEach(compare::higherIsBetter);
            Comparison c = compare.call();
            if (!output.print(out(), Documents.comparison(c))) {
                Views.comparison(out(), c);
            }
        }
    }
}
