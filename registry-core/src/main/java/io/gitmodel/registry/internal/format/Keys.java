package io.gitmodel.registry.internal.format;

/** The YAML keys of format 1, defined once. */
final class Keys {
    private Keys() {
    }

    static final String FORMAT = "format";
    static final String STAGES = "stages";

    static final String NAME = "name";
    static final String VERSION = "version";
    static final String DESCRIPTION = "description";
    static final String CREATED = "created";
    static final String CREATED_BY = "created_by";
    static final String METRICS = "metrics";
    static final String PARAMS = "params";
    static final String TAGS = "tags";
    static final String LINEAGE = "lineage";
    static final String ARTIFACTS = "artifacts";

    static final String DATASETS = "datasets";
    static final String URI = "uri";
    static final String DIGEST = "digest";
    static final String CODE = "code";
    static final String REPOSITORY = "repository";
    static final String COMMIT = "commit";
    static final String DIRTY = "dirty";
    static final String PARENTS = "parents";
    static final String ENVIRONMENT = "environment";
    static final String RUNTIME = "runtime";
    static final String OS = "os";
    static final String ARCH = "arch";
    static final String LIBRARIES = "libraries";

    static final String PATH = "path";
    static final String OID = "oid";
    static final String SIZE = "size";
    static final String MEDIA_TYPE = "media_type";
}
