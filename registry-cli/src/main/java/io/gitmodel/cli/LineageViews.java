package io.gitmodel.cli;

import io.gitmodel.registry.Dataset;
import io.gitmodel.registry.LineageGraph;
import io.gitmodel.registry.ModelRef;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.SourceCode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A lineage graph for people and for tools: a tree on the terminal, Graphviz DOT, Mermaid, and
 * the nodes-and-edges document of {@code --json}. Versions upstream show their data sets and
 * source code; downstream only the versions built on the root.
 */
final class LineageViews {
    private LineageViews() {
    }

    /** One node of the graph: a version, a data set or a source commit. */
    private record Node(String id, String kind, String label, Map<String, Object> fields) {
    }

    /** One edge: parent, dataset or source into a version. */
    private record Link(String from, String to, String kind) {
    }

    /** The nodes and edges: the root and upstream with their data and code, then downstream. */
    private static final class Graph {
        final Map<String, Node> nodes = new LinkedHashMap<>();
        final List<Link> links = new ArrayList<>();

        Graph(LineageGraph g) {
            List<ModelVersion> withInputs = new ArrayList<>();
            withInputs.add(g.root());
            withInputs.addAll(g.upstream());
            for (ModelVersion v : g.versions()) {
                version(v.ref(), v.commit());
            }
            for (ModelRef m : g.missing()) {
                nodes.put(m.toString(), new Node(m.toString(), "missing", m + " (not in this registry)", Map.of("ref", m.toString())));
            }
            for (ModelVersion v : withInputs) {
                for (Dataset d : v.lineage().datasets()) {
                    String id = "dataset:" + d.uri() + (d.digest() == null ? "" : "@" + d.digest());
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("uri", d.uri());
                    f.put("digest", d.digest());
                    nodes.putIfAbsent(id, new Node(id, "dataset", d.uri() + (d.digest() == null ? "" : "\n" + shortDigest(d.digest())), f));
                    links.add(new Link(id, v.ref().toString(), "dataset"));
                }
                SourceCode code = v.lineage().code();
                if (code != null) {
                    String repo = code.repository() == null ? "(local)" : code.repository();
                    String id = "source:" + repo + "@" + code.commit();
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("repository", code.repository());
                    f.put("commit", code.commit());
                    f.put("dirty", code.dirty());
                    nodes.putIfAbsent(id, new Node(id, "source", repo + "\n" + abbreviate(code.commit()) + (code.dirty() ? " (dirty)" : ""), f));
                    links.add(new Link(id, v.ref().toString(), "source"));
                }
            }
            for (LineageGraph.Edge e : g.edges()) {
                links.add(new Link(e.parent().toString(), e.child().toString(), "parent"));
            }
        }

        private void version(ModelRef ref, String commit) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("ref", ref.toString());
            f.put("commit", commit);
            nodes.put(ref.toString(), new Node(ref.toString(), "version", ref.toString(), f));
        }
    }

    /** {@code --json}: {root, nodes: [{id, kind, ...}], edges: [{from, to, kind}], missing}. */
    static Map<String, Object> document(LineageGraph g) {
        Graph graph = new Graph(g);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("root", g.root().ref().toString());
        m.put("upstream", g.upstream().stream().map(v -> v.ref().toString()).toList());
        m.put("downstream", g.downstream().stream().map(v -> v.ref().toString()).toList());
        List<Object> nodes = new ArrayList<>();
        for (Node n : graph.nodes.values()) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("id", n.id());
            node.put("kind", n.kind());
            node.putAll(n.fields());
            nodes.add(node);
        }
        m.put("nodes", nodes);
        List<Object> edges = new ArrayList<>();
        for (Link l : graph.links) {
            edges.add(new LinkedHashMap<>(Map.of("from", l.from(), "to", l.to(), "kind", l.kind())));
        }
        m.put("edges", edges);
        m.put("missing", g.missing().stream().map(ModelRef::toString).toList());
        return m;
    }

    /** Graphviz DOT: {@code git-model lineage fraud@v3 --format dot | dot -Tsvg > lineage.svg}. */
    static void dot(PrintWriter out, LineageGraph g) {
        Graph graph = new Graph(g);
        out.println("digraph lineage {");
        out.println("  rankdir=LR;");
        out.println("  node [shape=box, fontname=\"Helvetica\"];");
        for (Node n : graph.nodes.values()) {
            String shape = switch (n.kind()) {
                case "dataset" -> ", shape=cylinder";
                case "source" -> ", shape=note";
                case "missing" -> ", style=dashed";
                default -> n.id().equals(g.root().ref().toString()) ? ", style=bold" : "";
            };
            out.println("  " + dotString(n.id()) + " [label=" + dotString(n.label()) + shape + "];");
        }
        for (Link l : graph.links) {
            out.println("  " + dotString(l.from()) + " -> " + dotString(l.to()) + ";");
        }
        out.println("}");
        out.flush();
    }

    /** Mermaid, for Markdown that renders it (GitHub, GitLab): {@code ```mermaid} blocks. */
    static void mermaid(PrintWriter out, LineageGraph g) {
        Graph graph = new Graph(g);
        Map<String, String> ids = new LinkedHashMap<>();
        out.println("graph LR");
        for (Node n : graph.nodes.values()) {
            String id = "n" + ids.size();
            ids.put(n.id(), id);
            String label = mermaidString(n.label());
            out.println("  " + id + switch (n.kind()) {
                case "dataset" -> "[(" + label + ")]";
                case "source" -> "[/" + label + "/]";
                default -> "[" + label + "]";
            });
        }
        for (Link l : graph.links) {
            out.println("  " + ids.get(l.from()) + " --> " + ids.get(l.to()));
        }
        out.flush();
    }

    /** The terminal view: the root's inputs and parents as a tree, then what was built on it. */
    static void tree(PrintWriter out, LineageGraph g) {
        out.println(g.root().ref() + "  (commit " + abbreviate(g.root().commit()) + ")");
        branches(out, g, g.root(), "", new HashSet<>());
        if (!g.downstream().isEmpty()) {
            out.println("used by");
            downstream(out, g, g.root().ref(), "", new HashSet<>());
        }
        out.flush();
    }

    private static void branches(PrintWriter out, LineageGraph g, ModelVersion v, String indent, Set<ModelRef> shown) {
        List<String> lines = new ArrayList<>();
        List<ModelRef> parents = v.lineage().parents();
        for (Dataset d : v.lineage().datasets()) {
            lines.add("data    " + d.uri() + (d.digest() == null ? "" : "  " + shortDigest(d.digest())));
        }
        SourceCode code = v.lineage().code();
        if (code != null) {
            lines.add("code    " + (code.repository() == null ? "(local)" : code.repository()) + " @ " + abbreviate(code.commit())
                    + (code.dirty() ? " (uncommitted changes)" : ""));
        }
        int total = lines.size() + parents.size();
        int i = 0;
        for (String line : lines) {
            out.println(indent + (++i == total ? "└── " : "├── ") + line);
        }
        for (ModelRef parent : parents) {
            boolean last = ++i == total;
            var p = g.version(parent);
            String note = p.isEmpty() ? "  (not in this registry)" : shown.contains(parent) ? "  (shown above)" : "";
            out.println(indent + (last ? "└── " : "├── ") + "parent  " + parent + note);
            if (p.isPresent() && shown.add(parent)) {
                branches(out, g, p.get(), indent + (last ? "    " : "│   "), shown);
            }
        }
    }

    private static void downstream(PrintWriter out, LineageGraph g, ModelRef from, String indent, Set<ModelRef> shown) {
        List<ModelRef> children = g.children(from);
        for (int i = 0; i < children.size(); i++) {
            boolean last = i == children.size() - 1;
            ModelRef child = children.get(i);
            boolean again = !shown.add(child);
            out.println(indent + (last ? "└── " : "├── ") + child + (again ? "  (shown above)" : ""));
            if (!again) {
                downstream(out, g, child, indent + (last ? "    " : "│   "), shown);
            }
        }
    }

    private static String shortDigest(String digest) {
        int colon = digest.indexOf(':');
        return digest.length() > colon + 13 ? digest.substring(0, colon + 13) + "…" : digest;
    }

    private static String abbreviate(String commit) {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    private static String dotString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static String mermaidString(String s) {
        return "\"" + s.replace("\"", "#quot;").replace("\n", "<br/>") + "\"";
    }
}
