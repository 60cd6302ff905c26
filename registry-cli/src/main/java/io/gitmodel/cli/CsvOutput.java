package io.gitmodel.cli;

import io.gitmodel.registry.ModelVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code --csv}: versions as RFC 4180 rows for spreadsheets, one column per field and per metric,
 * parameter and tag any of them has ({@code metrics.auc}, {@code params.lr}, {@code tags.team});
 * an empty cell where a version lacks the value.
 */
final class CsvOutput {
    private CsvOutput() {
    }

    static void versions(PrintWriter out, List<ModelVersion> versions) {
        TreeSet<String> metrics = new TreeSet<>();
        TreeSet<String> params = new TreeSet<>();
        TreeSet<String> tags = new TreeSet<>();
        for (ModelVersion v : versions) {
            metrics.addAll(v.metrics().keySet());
            params.addAll(v.params().keySet());
            tags.addAll(v.tags().keySet());
        }
        List<String> header = new ArrayList<>(List.of("ref", "name", "version", "created", "created_by", "commit", "size",
                "description"));
        metrics.forEach(m -> header.add("metrics." + m));
        params.forEach(p -> header.add("params." + p));
        tags.forEach(t -> header.add("tags." + t));
        try {
            CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get());
            csv.printRecord(header);
            for (ModelVersion v : versions) {
                List<Object> row = new ArrayList<>(List.of(v.ref(), v.name(), v.version(), v.created(), v.createdBy(), v.commit(),
                        v.totalArtifactSize(), v.description()));
                metrics.forEach(m -> row.add(v.metrics().containsKey(m) ? Numbers.format(v.metrics().get(m)) : ""));
                params.forEach(p -> row.add(v.params().getOrDefault(p, "")));
                tags.forEach(t -> row.add(v.tags().getOrDefault(t, "")));
                csv.printRecord(row);
            }
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
