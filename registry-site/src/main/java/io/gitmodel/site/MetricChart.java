package io.gitmodel.site;

import java.util.List;
import java.util.Locale;

/**
 * A metric over a model's versions as an inline SVG line chart: no script, a title and a
 * description for screen readers, each point's value in a tooltip ({@code <title>}); the same
 * numbers are in the versions table beside it.
 */
final class MetricChart {
    static final int WIDTH = 640;
    static final int HEIGHT = 180;
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int TOP = 16;
    private static final int BOTTOM = 32;

    /** One point: the version's label and its value (null: the version lacks the metric). */
    record Point(String version, Double value) {
    }

    private MetricChart() {
    }

    static String svg(String metric, List<Point> points) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Point p : points) {
            if (p.value() != null) {
                min = Math.min(min, p.value());
                max = Math.max(max, p.value());
            }
        }
        if (min == max) {
            min -= 0.5;
            max += 0.5;
        }
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        String id = "chart-" + metric.replaceAll("[^A-Za-z0-9_-]", "_");
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title ").append(id).append("-desc\">");
        svg.append("<title id=\"").append(id).append("-title\">").append(Xml.escape(metric)).append(" by version</title>");
        svg.append("<desc id=\"").append(id).append("-desc\">");
        for (Point p : points) {
            if (p.value() != null) {
                svg.append(Xml.escape(p.version())).append(": ").append(format(p.value())).append(". ");
            }
        }
        svg.append("</desc>");
        svg.append(line(LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight, "axis"));
        svg.append(line(LEFT, TOP, LEFT, TOP + plotHeight, "axis"));
        svg.append(text(LEFT - 6, TOP + 4, "end", format(max)));
        svg.append(text(LEFT - 6, TOP + plotHeight, "end", format(min)));
        StringBuilder path = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        int n = points.size();
        for (int i = 0; i < n; i++) {
            Point p = points.get(i);
            double x = LEFT + (n == 1 ? plotWidth / 2 : plotWidth * i / (n - 1));
            if (n <= 20 || i % Math.max(1, n / 10) == 0 || i == n - 1) {
                svg.append(text(x, HEIGHT - 10, "middle", p.version()));
            }
            if (p.value() == null) {
                continue;
            }
            double y = TOP + plotHeight * (max - p.value()) / (max - min);
            path.append(path.length() == 0 ? "M" : " L").append(fmt(x)).append(',').append(fmt(y));
            dots.append("<circle cx=\"").append(fmt(x)).append("\" cy=\"").append(fmt(y)).append("\" r=\"3\"><title>")
                    .append(Xml.escape(p.version())).append(": ").append(format(p.value())).append("</title></circle>");
        }
        if (path.length() > 0) {
            svg.append("<path class=\"series\" d=\"").append(path).append("\"/>");
        }
        svg.append(dots).append("</svg>");
        return svg.toString();
    }

    private static String line(double x1, double y1, double x2, double y2, String cls) {
        return "<line class=\"" + cls + "\" x1=\"" + fmt(x1) + "\" y1=\"" + fmt(y1) + "\" x2=\"" + fmt(x2) + "\" y2=\"" + fmt(y2) + "\"/>";
    }

    private static String text(double x, double y, String anchor, String s) {
        return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" text-anchor=\"" + anchor + "\">" + Xml.escape(s) + "</text>";
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    static String format(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }
}
