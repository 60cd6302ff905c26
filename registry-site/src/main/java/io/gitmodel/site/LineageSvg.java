package io.gitmodel.site;

import io.gitmodel.registry.LineageGraph;
import io.gitmodel.registry.ModelRef;
import io.gitmodel.registry.ModelVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A lineage graph as SVG, laid out in columns: ancestors to the left by distance, the version in
 * the middle, descendants to the right; an arrow from each parent to its child. A version of a
 * model with a page links to it.
 */
final class LineageSvg {
    private static final int BOX_WIDTH = 150;
    private static final int BOX_HEIGHT = 28;
    private static final int COLUMN = 200;
    private static final int ROW = 44;
    private static final int MARGIN = 12;

    private LineageSvg() {
    }

    /** @param href the page of a version, or null if it has none */
    static String svg(LineageGraph g, Function<ModelRef, String> href) {
        Map<ModelRef, Integer> column = new LinkedHashMap<>();
        column.put(g.root().ref(), 0);
        // ancestors: one column further left per generation
        boolean changed = true;
        List<ModelRef> missing = g.missing();
        while (changed) {
            changed = false;
            for (LineageGraph.Edge e : g.edges()) {
                Integer child = column.get(e.child());
                if (child != null && child <= 0 && (g.version(e.parent()).isPresent() || missing.contains(e.parent()))
                        && !column.containsKey(e.parent()) && !isDownstream(g, e.parent())) {
                    column.put(e.parent(), child - 1);
                    changed = true;
                }
            }
        }
        for (ModelVersion v : g.downstream()) {
            column.putIfAbsent(v.ref(), depthDown(g, v.ref()));
        }
        int minColumn = column.values().stream().min(Integer::compare).orElse(0);
        int maxColumn = column.values().stream().max(Integer::compare).orElse(0);
        Map<Integer, Integer> rows = new HashMap<>();
        Map<ModelRef, double[]> at = new LinkedHashMap<>(); // in column order, so the SVG is the same on every run
        List<Map.Entry<ModelRef, Integer>> byColumn = new ArrayList<>(column.entrySet());
        byColumn.sort(Map.Entry.comparingByValue()); // stable: within a column, in the order found
        for (Map.Entry<ModelRef, Integer> e : byColumn) {
            int row = rows.merge(e.getValue(), 1, Integer::sum) - 1;
            double x = MARGIN + (e.getValue() - minColumn) * COLUMN;
            double y = MARGIN + row * ROW;
            at.put(e.getKey(), new double[] {x, y});
        }
        int height = MARGIN * 2 + rows.values().stream().max(Integer::compare).orElse(1) * ROW - (ROW - BOX_HEIGHT);
        int width = MARGIN * 2 + (maxColumn - minColumn) * COLUMN + BOX_WIDTH;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"lineage\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-labelledby=\"lineage-title\"><title id=\"lineage-title\">Lineage of ")
                .append(Xml.escape(g.root().ref().toString())).append(": parents to the left, versions built on it to the right</title>");
        svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\""
                + " orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\"/></marker></defs>");
        for (LineageGraph.Edge e : g.edges()) {
            double[] from = at.get(e.parent());
            double[] to = at.get(e.child());
            if (from == null || to == null) {
                continue;
            }
            svg.append("<line class=\"edge\" marker-end=\"url(#arrow)\" x1=\"").append(from[0] + BOX_WIDTH).append("\" y1=\"")
                    .append(from[1] + BOX_HEIGHT / 2.0).append("\" x2=\"").append(to[0]).append("\" y2=\"")
                    .append(to[1] + BOX_HEIGHT / 2.0).append("\"/>");
        }
        for (Map.Entry<ModelRef, double[]> e : at.entrySet()) {
            ModelRef ref = e.getKey();
            double[] p = e.getValue();
            String cls = ref.equals(g.root().ref()) ? "node root" : missing.contains(ref) ? "node missing" : "node";
            String link = missing.contains(ref) ? null : href.apply(ref);
            if (link != null) {
                svg.append("<a href=\"").append(Xml.escape(link)).append("\">");
            }
            svg.append("<rect class=\"").append(cls).append("\" x=\"").append(p[0]).append("\" y=\"").append(p[1])
                    .append("\" width=\"").append(BOX_WIDTH).append("\" height=\"").append(BOX_HEIGHT).append("\" rx=\"4\"/>");
            svg.append("<text x=\"").append(p[0] + BOX_WIDTH / 2.0).append("\" y=\"").append(p[1] + 18)
                    .append("\" text-anchor=\"middle\">").append(Xml.escape(ref.toString())).append("</text>");
            if (link != null) {
                svg.append("</a>");
            }
        }
        return svg.append("</svg>").toString();
    }

    private static boolean isDownstream(LineageGraph g, ModelRef ref) {
        return g.downstream().stream().anyMatch(v -> v.ref().equals(ref));
    }

    /** Generations from the root down to {@code ref}, along the shortest path. */
    private static int depthDown(LineageGraph g, ModelRef ref) {
        Map<ModelRef, Integer> depth = new HashMap<>();
        depth.put(g.root().ref(), 0);
        List<ModelRef> frontier = new ArrayList<>(List.of(g.root().ref()));
        while (!frontier.isEmpty()) {
            List<ModelRef> next = new ArrayList<>();
            for (ModelRef r : frontier) {
                for (ModelRef child : g.children(r)) {
                    if (!depth.containsKey(child)) {
                        depth.put(child, depth.get(r) + 1);
                        next.add(child);
                    }
                }
            }
            frontier = next;
        }
        return depth.getOrDefault(ref, 1);
    }
}
