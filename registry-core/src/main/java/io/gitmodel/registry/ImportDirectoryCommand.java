package io.gitmodel.registry;

import io.gitmodel.registry.errors.InvalidArtifactException;
import io.gitmodel.registry.errors.InvalidValueException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.internal.format.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Imports a directory of model versions kept by hand ("a bucket and a README"): one version per
 * subdirectory, in natural order of their names ({@code v2} before {@code v10}). In each
 * subdirectory every file is an artifact (path relative to it; hidden files left out), except
 * {@code README.md} (the model card) and {@code metrics.json}, {@code params.json} and
 * {@code tags.json} (flat JSON objects, recorded as the version's metrics, parameters and tags).
 * Each version records the subdirectory in the tag {@code imported_from}. A subdirectory imported
 * before (a version with that tag) is skipped, so an interrupted import is finished by running it
 * again. Every subdirectory is read and checked before the first version is registered.
 */
public final class ImportDirectoryCommand extends RegistryCommand<ImportDirectoryCommand.Result> {
    /** The tag recording the subdirectory a version came from. */
    public static final String FROM_TAG = "imported_from";
    private static final Set<String> METADATA = Set.of("README.md", "metrics.json", "params.json", "tags.json");

    /**
     * What an import did.
     *
     * @param imported the versions registered, in order
     * @param skipped  the subdirectories imported before, left alone
     */
    public record Result(List<ModelVersion> imported, List<String> skipped) {
        public Result {
            imported = List.copyOf(imported);
            skipped = List.copyOf(skipped);
        }
    }

    private final Registry registry;
    private final Path source;
    private final ModelName model;
    private ProgressListener progress = ProgressListener.NONE;

    ImportDirectoryCommand(Registry registry, Path source, ModelName model) {
        this.registry = registry;
        this.source = Objects.requireNonNull(source, "source");
        this.model = model;
    }

    /** Receives progress: one task per version ({@code importing 3/12 v3}), then each artifact's bytes. */
    public ImportDirectoryCommand progress(ProgressListener listener) {
        this.progress = Objects.requireNonNull(listener, "listener");
        return this;
    }

    @Override
    public Result call() throws RegistryException {
        checkCallable();
        List<Path> versions = subdirectories();
        Set<String> done = alreadyImported();
        List<Planned> plan = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path dir : versions) {
            String name = dir.getFileName().toString();
            if (done.contains(name)) {
                skipped.add(name);
            } else {
                plan.add(plan(dir));
            }
        }
        List<ModelVersion> imported = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            Planned p = plan.get(i);
            progress.update("importing " + (i + 1) + "/" + plan.size() + " " + p.name, i, plan.size());
            RegisterCommand register = registry.register(model.value()).progress(progress)
                    .description("imported from " + p.name).tag(FROM_TAG, p.name)
                    .metrics(p.metrics).params(p.params).tags(p.tags);
            p.artifacts.forEach(register::artifact);
            if (p.card != null) {
                register.modelCard(p.card);
            }
            imported.add(register.call());
        }
        progress.update("imported " + plan.size() + " of " + versions.size(), plan.size(), plan.size());
        return new Result(imported, skipped);
    }

    /** One subdirectory, read and checked. */
    private record Planned(String name, Map<String, Path> artifacts, Map<String, Double> metrics, Map<String, Object> params,
            Map<String, String> tags, String card) {
    }

    private List<Path> subdirectories() throws RegistryException {
        if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidArtifactException(source, source + " is not a directory: import dir reads one version per subdirectory of a"
                    + " directory");
        }
        try (Stream<Path> entries = Files.list(source)) {
            List<Path> out = entries.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString(), ImportDirectoryCommand::natural)).toList();
            if (out.isEmpty()) {
                throw new InvalidArtifactException(source, source + " has no subdirectories: import dir makes one version of each");
            }
            return out;
        } catch (IOException e) {
            throw new RegistryIOException("cannot list " + source, e);
        }
    }

    private Set<String> alreadyImported() throws RegistryException {
        Set<String> out = new HashSet<>();
        if (registry.models().contains(model)) {
            for (ModelVersion v : registry.versions(model.value())) {
                String from = v.tags().get(FROM_TAG);
                if (from != null) {
                    out.add(from);
                }
            }
        }
        return out;
    }

    private Planned plan(Path dir) throws RegistryException {
        String name = dir.getFileName().toString();
        Map<String, Path> artifacts = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path rel = dir.relativize(f);
                boolean hidden = false;
                for (Path part : rel) {
                    hidden |= part.toString().startsWith(".");
                }
                if (hidden || !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) || METADATA.contains(rel.toString())) {
                    continue;
                }
                artifacts.put(rel.toString().replace(java.io.File.separatorChar, '/'), f);
            }
        } catch (IOException e) {
            throw new RegistryIOException("cannot read " + dir, e);
        }
        if (artifacts.isEmpty()) {
            throw new InvalidArtifactException(dir, dir + " holds no artifact file: each subdirectory of " + source
                    + " becomes a version with its files as artifacts");
        }
        Map<String, Double> metrics = new TreeMap<>();
        object(dir, "metrics.json").forEach((k, v) -> metrics.put(k, checked(dir, () -> MetadataRules.checkMetric(k, v))));
        Map<String, Object> params = new TreeMap<>();
        object(dir, "params.json").forEach((k, v) -> params.put(k, checked(dir, () -> MetadataRules.checkParam(k, v))));
        Map<String, String> tags = new TreeMap<>();
        object(dir, "tags.json").forEach((k, v) -> tags.put(k, checked(dir, () -> MetadataRules.checkTag(k, v))));
        Path readme = dir.resolve("README.md");
        String card = null;
        if (Files.isRegularFile(readme, LinkOption.NOFOLLOW_LINKS)) {
            try {
                card = Files.readString(readme, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new RegistryIOException("cannot read " + readme, e);
            }
        }
        return new Planned(name, artifacts, metrics, params, tags, card);
    }

    private static <T> T checked(Path dir, java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (InvalidValueException e) {
            throw new InvalidValueException(dir + ": " + e.getMessage());
        }
    }

    private static Map<String, Object> object(Path dir, String file) throws RegistryException {
        Path f = dir.resolve(file);
        if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
            return Map.of();
        }
        try {
            return Json.readObject(Files.readString(f, StandardCharsets.UTF_8), f.toString());
        } catch (IOException e) {
            throw new RegistryIOException("cannot read " + f, e);
        }
    }

    /** Natural order: runs of digits compare as numbers ({@code v2} before {@code v10}), the rest as text. */
    static int natural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int ei = i;
                while (ei < a.length() && Character.isDigit(a.charAt(ei))) {
                    ei++;
                }
                int ej = j;
                while (ej < b.length() && Character.isDigit(b.charAt(ej))) {
                    ej++;
                }
                java.math.BigInteger na = new java.math.BigInteger(a.substring(i, ei));
                java.math.BigInteger nb = new java.math.BigInteger(b.substring(j, ej));
                int c = na.compareTo(nb);
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }
}
