package io.gitmodel.cli;

import io.gitmodel.registry.LineageGraph;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.errors.RegistryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "lineage", header = "Show where a version comes from and what was built on it.", mixinStandardHelpOptions = true,
        description = {"Where a version comes from: its data sets (with digests), source repository and commit, and parent "
            + "models, recursively; and what was built on it: the versions that name it as a parent, recursively.",
            "--format tree (default), dot (Graphviz: | dot -Tsvg > lineage.svg), mermaid, json or yaml. --json prints "
            + "{root, upstream, downstream, nodes: [{id, kind: version|dataset|source|missing, ...}], edges: [{from, to, "
            + "kind: parent|dataset|source}], missing}."})
final class LineageCmd extends BaseCmd {
    enum Format { tree, dot, mermaid, json, yaml }

    @Parameters(index = "0", paramLabel = "<ref>", description = "The version, e.g. fraud@v3 or fraud@production.")
    String ref;

    @Option(names = "--format", paramLabel = "<format>", description = "tree, dot, mermaid, json or yaml (default: tree).")
    Format format = Format.tree;

    @Mixin
    OutputOptions output;

    @Override
    void run() throws RegistryException {
        try (Registry registry = root.openRegistry()) {
            LineageGraph g = registry.lineage(ref);
            if (output.print(out(), LineageViews.document(g))) {
                return;
            }
            switch (format) {
                case dot -> LineageViews.dot(out(), g);
                case mermaid -> LineageViews.mermaid(out(), g);
                case json -> out().print(Json.write(LineageViews.document(g)));
                case yaml -> out().print(Yaml.write(LineageViews.document(g)));
                default -> LineageViews.tree(out(), g);
            }
        }
    }
}
