package io.gitmodel.registry.internal.format;

import static io.gitmodel.registry.internal.format.Keys.*;

import io.gitmodel.registry.Artifact;
import io.gitmodel.registry.ArtifactPath;
import io.gitmodel.registry.Dataset;
import io.gitmodel.registry.Environment;
import io.gitmodel.registry.Lineage;
import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.ModelRef;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Person;
import io.gitmodel.registry.Sha256;
import io.gitmodel.registry.SourceCode;
import io.gitmodel.registry.errors.CorruptMetadataException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Reads and writes {@code models/<name>/model.yaml}. */
public final class ModelYaml {
    private static final Set<String> TOP_LEVEL = Set.of(NAME, VERSION, DESCRIPTION, CREATED, CREATED_BY, METRICS,
            PARAMS, TAGS, LINEAGE, ARTIFACTS);
    private static final Set<String> LINEAGE_KEYS = Set.of(DATASETS, CODE, PARENTS, ENVIRONMENT);

    private ModelYaml() {
    }

    /** Whether {@code key} is a top-level model.yaml key defined by format 1. */
    public static boolean isKnownKey(String key) {
        return TOP_LEVEL.contains(key);
    }

    /** The YAML text of a version's metadata (the commit id is not part of it). */
    public static String write(ModelVersion v) {
        return SafeYaml.dump(toMap(v));
    }

    /** The model.yaml document of a version, keys in format order. */
    public static Map<String, Object> toMap(ModelVersion v) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put(NAME, v.name().value());
        doc.put(VERSION, v.version());
        if (!v.description().isEmpty()) {
            doc.put(DESCRIPTION, v.description());
        }
        doc.put(CREATED, v.created().toString());
        doc.put(CREATED_BY, v.createdBy().toString());
        doc.put(METRICS, new LinkedHashMap<>(v.metrics()));
        doc.put(PARAMS, new LinkedHashMap<>(v.params()));
        doc.put(TAGS, new LinkedHashMap<>(v.tags()));
        doc.put(LINEAGE, lineage(v.lineage()));
        List<Object> artifacts = new ArrayList<>();
        for (Artifact a : v.artifacts()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(PATH, a.path().value());
            m.put(OID, a.oid().prefixed());
            m.put(SIZE, a.size());
            m.put(MEDIA_TYPE, a.mediaType());
            artifacts.add(m);
        }
        doc.put(ARTIFACTS, artifacts);
        v.extensions().forEach(doc::putIfAbsent);
        return doc;
    }

    private static Map<String, Object> lineage(Lineage l) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> datasets = new ArrayList<>();
        for (Dataset d : l.datasets()) {
            Map<String, Object> dm = new LinkedHashMap<>();
            dm.put(URI, d.uri());
            if (d.digest() != null) {
                dm.put(DIGEST, d.digest());
            }
            datasets.add(dm);
        }
        m.put(DATASETS, datasets);
        if (l.code() != null) {
            Map<String, Object> cm = new LinkedHashMap<>();
            if (l.code().repository() != null) {
                cm.put(REPOSITORY, l.code().repository());
            }
            cm.put(COMMIT, l.code().commit());
            cm.put(DIRTY, l.code().dirty());
            m.put(CODE, cm);
        }
        m.put(PARENTS, l.parents().stream().map(ModelRef::toString).toList());
        if (l.environment() != null) {
            Environment e = l.environment();
            Map<String, Object> em = new LinkedHashMap<>();
            putIfNotNull(em, RUNTIME, e.runtime());
            putIfNotNull(em, OS, e.os());
            putIfNotNull(em, ARCH, e.arch());
            em.put(LIBRARIES, new LinkedHashMap<>(e.libraries()));
            m.put(ENVIRONMENT, em);
        }
        l.extensions().forEach(m::putIfAbsent);
        return m;
    }

    private static void putIfNotNull(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    /**
     * Parses model.yaml.
     *
     * @param file names the file in errors, e.g. {@code fraud@v2:models/fraud/model.yaml}
     * @param commit the id of the commit the file was read from
     */
    public static ModelVersion read(String text, String file, String commit) throws CorruptMetadataException {
        return fromMap(SafeYaml.loadMap(text, file), file, commit);
    }

    /**
     * The fields filters name most, straight from a model.yaml document as plain data (as
     * {@link #toMap} makes it), each value checked and normalised as {@link #fromMap} does: a search
     * filters on these without building every version. Missing or malformed parts read as empty.
     */
    public static final class Summary {
        /** The members of the document a summary reads. */
        public static final Set<String> MEMBERS = Set.of(NAME, VERSION, DESCRIPTION, METRICS, PARAMS, TAGS);
        /** The members a lineage graph reads. */
        public static final Set<String> LINEAGE_MEMBERS = Set.of(NAME, VERSION, LINEAGE);

        private final Map<String, Object> doc;

        public Summary(Map<String, Object> doc) {
            this.doc = doc;
        }

        public String name() {
            return doc.get(NAME) instanceof String s ? s : "";
        }

        public int version() {
            return doc.get(VERSION) instanceof Number n ? n.intValue() : 0;
        }

        public String description() {
            return doc.get(DESCRIPTION) instanceof String s ? s : "";
        }

        public Map<String, Double> metrics() {
            Map<String, Double> out = new TreeMap<>();
            part(METRICS).forEach((k, v) -> out.put(k, io.gitmodel.registry.MetadataRules.checkMetric(k, v)));
            return out;
        }

        public Map<String, Object> params() {
            Map<String, Object> out = new TreeMap<>();
            part(PARAMS).forEach((k, v) -> out.put(k, io.gitmodel.registry.MetadataRules.checkParam(k, v)));
            return out;
        }

        public Map<String, String> tags() {
            Map<String, String> out = new TreeMap<>();
            part(TAGS).forEach((k, v) -> out.put(k, io.gitmodel.registry.MetadataRules.checkTag(k, v)));
            return out;
        }

        /** The parent references of the lineage member, as written (they are parsed by the caller). */
        public List<String> parents() {
            Object lineage = doc.get(LINEAGE);
            if (lineage instanceof Map<?, ?> l && l.get(PARENTS) instanceof List<?> list) {
                List<String> out = new ArrayList<>();
                list.forEach(p -> out.add(String.valueOf(p)));
                return out;
            }
            return List.of();
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> part(String key) {
            return doc.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        }
    }

    /**
     * A version from its model.yaml document as {@link #toMap} makes it or a YAML parse gives it
     * (a cache keeps versions in this form), with the same checks as {@link #read}.
     */
    public static ModelVersion fromMap(Map<String, Object> document, String file, String commit) throws CorruptMetadataException {
        Fields f = new Fields(document, file);
        try {
            ModelName name = new ModelName(f.requiredString(NAME));
            int version = f.requiredInt(VERSION);
            String description = f.optionalString(DESCRIPTION);
            Instant created = parseInstant(f.requiredString(CREATED), file);
            Person createdBy = Person.parse(f.requiredString(CREATED_BY));
            Map<String, Double> metrics = new TreeMap<>();
            f.map(METRICS).forEach((k, v) -> metrics.put(k, io.gitmodel.registry.MetadataRules.checkMetric(k, v)));
            Map<String, Object> params = new TreeMap<>();
            f.map(PARAMS).forEach((k, v) -> params.put(k, io.gitmodel.registry.MetadataRules.checkParam(k, v)));
            Map<String, String> tags = new TreeMap<>();
            f.map(TAGS).forEach((k, v) -> tags.put(k, io.gitmodel.registry.MetadataRules.checkTag(k, v)));
            Lineage lineage = readLineage(new Fields(f.map(LINEAGE), file, file + " (lineage)"));
            List<Artifact> artifacts = new ArrayList<>();
            for (Map<String, Object> a : f.listOfMaps(ARTIFACTS)) {
                Fields af = new Fields(a, file, file + " (artifacts)");
                artifacts.add(new Artifact(new ArtifactPath(af.requiredString(PATH)), Sha256.parse(af.requiredString(OID)),
                        af.requiredLong(SIZE), af.optionalString(MEDIA_TYPE, "application/octet-stream")));
            }
            return new ModelVersion(name, version, commit, description, created, createdBy, metrics, params, tags,
                    lineage, artifacts, f.unknown(TOP_LEVEL));
        } catch (IllegalArgumentException e) {
            throw new CorruptMetadataException(file, file + ": " + e.getMessage(), e);
        }
    }

    private static Lineage readLineage(Fields f) throws CorruptMetadataException {
        List<Dataset> datasets = new ArrayList<>();
        for (Map<String, Object> d : f.listOfMaps(DATASETS)) {
            Fields df = new Fields(d, f.file());
            String digest = df.optionalString(DIGEST);
            datasets.add(new Dataset(df.requiredString(URI), digest.isEmpty() ? null : digest));
        }
        SourceCode code = null;
        if (f.has(CODE)) {
            Fields cf = new Fields(f.map(CODE), f.file());
            String repository = cf.optionalString(REPOSITORY);
            code = new SourceCode(repository.isEmpty() ? null : repository, cf.requiredString(COMMIT), cf.optionalBoolean(DIRTY));
        }
        List<ModelRef> parents = new ArrayList<>();
        for (String p : f.listOfStrings(PARENTS)) {
            parents.add(ModelRef.parse(p));
        }
        Environment environment = null;
        if (f.has(ENVIRONMENT)) {
            Fields ef = new Fields(f.map(ENVIRONMENT), f.file());
            Map<String, String> libraries = new TreeMap<>();
            ef.map(LIBRARIES).forEach((k, v) -> libraries.put(k, String.valueOf(v)));
            environment = new Environment(ef.nullableString(RUNTIME), ef.nullableString(OS), ef.nullableString(ARCH), libraries);
        }
        return new Lineage(datasets, code, parents, environment, f.unknown(LINEAGE_KEYS));
    }

    private static Instant parseInstant(String text, String file) throws CorruptMetadataException {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new CorruptMetadataException(file, file + ": created \"" + text + "\" is not an ISO-8601 UTC instant");
        }
    }
}
