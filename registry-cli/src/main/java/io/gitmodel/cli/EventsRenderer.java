package io.gitmodel.cli;

import io.gitmodel.registry.EventAction;
import io.gitmodel.registry.ModelEvent;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints model events (history, stage log) as a table or JSON. */
final class EventsRenderer {
    private EventsRenderer() {
    }

    static void print(PrintWriter out, List<ModelEvent> events, boolean json) {
        if (json) {
            List<Object> rows = new ArrayList<>();
            for (ModelEvent e : events) {
                rows.add(toMap(e));
            }
            out.print(Json.write(rows));
            return;
        }
        Table table = new Table("WHEN", "ACTION", "VERSION", "STAGE", "PREVIOUS", "BY", "SIGNATURE", "REASON");
        for (ModelEvent e : events) {
            table.row(e.at(), e.action(), e.model() + "@v" + e.version(), e.stage() == null ? "" : e.stage(),
                    e.previousVersion() > 0 ? "v" + e.previousVersion() : "", e.by().name(),
                    e.action() == EventAction.REGISTER ? "" : e.signature().summary(), firstLine(e.reason())
                            + (e.warnings().isEmpty() ? "" : "  [WARNING: " + String.join("; ", e.warnings()) + "]"));
        }
        table.print(out);
    }

    static Map<String, Object> toMap(ModelEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", e.action().word());
        m.put("model", e.model().value());
        m.put("version", e.version());
        m.put("ref", e.model() + "@v" + e.version());
        m.put("stage", e.stage() == null ? "" : e.stage().value());
        m.put("previous_version", e.previousVersion() > 0 ? e.previousVersion() : null);
        m.put("reason", e.reason());
        m.put("approved_by", e.approvedBy());
        m.put("by", e.by().toString());
        m.put("at", e.at().toString());
        m.put("commit", e.commit());
        Map<String, Object> sig = new LinkedHashMap<>();
        sig.put("status", e.signature().status().name().toLowerCase());
        sig.put("format", e.signature().format());
        sig.put("signer", e.signature().signer());
        sig.put("fingerprint", e.signature().fingerprint());
        sig.put("allowed", e.signature().allowed());
        sig.put("detail", e.signature().detail());
        m.put("signature", sig);
        m.put("warnings", e.warnings());
        return m;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 50 ? line.substring(0, 47) + "..." : line;
    }
}
