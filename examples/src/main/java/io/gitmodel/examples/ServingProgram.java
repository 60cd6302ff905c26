package io.gitmodel.examples;

import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Registry;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A serving program that loads a model version from the registry (by default the newest; once
 * stages exist, {@code <name>@production}), reading its artifact through the verifying stream so
 * that corrupt bytes are never served, and answers a prediction.
 *
 * <pre>java -cp ... io.gitmodel.examples.ServingProgram /path/to/registry demand@latest 4.2</pre>
 */
public final class ServingProgram {
    private static final Pattern NUMBER = Pattern.compile("\"(slope|intercept)\":\\s*(-?[0-9.eE+-]+)");

    private ServingProgram() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: ServingProgram <registry-dir> <ref> <x>");
            System.exit(2);
        }
        try (Registry registry = Registry.open(Path.of(args[0]))) {
            System.out.println(predict(registry, args[1], Double.parseDouble(args[2])));
        }
    }

    /** Loads {@code ref}'s weights.json and evaluates the linear model at {@code x}. */
    public static double predict(Registry registry, String ref, double x) throws Exception {
        ModelVersion version = registry.resolve(ref);
        String json;
        try (InputStream in = registry.openArtifact(version, "weights.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8); // readAllBytes reaches EOF: verified
        }
        double slope = 0;
        double intercept = 0;
        Matcher m = NUMBER.matcher(json);
        while (m.find()) {
            if (m.group(1).equals("slope")) {
                slope = Double.parseDouble(m.group(2));
            } else {
                intercept = Double.parseDouble(m.group(2));
            }
        }
        return slope * x + intercept;
    }
}
