package io.gitmodel.registry.internal.store;

import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.errors.CorruptMetadataException;
import io.gitmodel.registry.errors.ModelNotFoundException;
import io.gitmodel.registry.errors.NotARegistryException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.errors.VersionNotFoundException;
import io.gitmodel.registry.internal.format.DeletedYaml;
import io.gitmodel.registry.internal.format.ModelYaml;
import io.gitmodel.registry.internal.format.RegistryYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Reads registry state (branch head, version tags, model.yaml files) straight from the object database. */
public final class RegistryReader {
    /** Largest metadata blob read into memory. */
    private static final int MAX_BLOB = 4 << 20;

    private final Repository repo;
    private final String branch;
    private final Path directory;

    public RegistryReader(Repository repo, String branch, Path directory) {
        this.repo = repo;
        this.branch = branch;
        this.directory = directory;
    }

    /** Version numbers as the branch records them. */
    public VersionNumbering numbering() {
        return new VersionNumbering(this);
    }

    /** The directory shown to users. */
    public Path directory() {
        return directory;
    }

    public String branch() {
        return branch;
    }

    /** The registry branch's current commit. */
    public ObjectId head() throws RegistryException {
        try {
            Ref ref = repo.exactRef(RegistryLayout.branchRef(branch));
            if (ref == null || ref.getObjectId() == null) {
                if (repo.getConfig().getBoolean(RegistryLayout.CONFIG_SECTION, null, RegistryLayout.CONFIG_INCOMPLETE_CLONE, false)) {
                    String url = repo.getConfig().getString("remote", "origin", "url");
                    throw new NotARegistryException(directory, "the clone into " + directory + " was interrupted; finish it by"
                            + " running the same command again: git-model clone " + (repo.isBare() ? "--bare " : "")
                            + (url == null ? "<url>" : io.gitmodel.registry.internal.store.RemoteConfig.redact(url)) + " "
                            + directory);
                }
                throw new NotARegistryException(directory, directory + " is not a git-model registry: it has no branch '"
                        + branch + "'; create one with: git-model init");
            }
            return ref.getObjectId();
        } catch (IOException e) {
            throw new RegistryIOException("cannot read branch " + branch + " in " + directory, e);
        }
    }

    /** Checks that the branch head holds a registry.yaml this version can read. */
    public Map<String, Object> checkFormat() throws RegistryException {
        ObjectId head = head();
        Optional<byte[]> yaml = readFile(head, RegistryYaml.FILE);
        if (yaml.isEmpty()) {
            throw new NotARegistryException(directory, directory + " is not a git-model registry: branch '" + branch
                    + "' has no " + RegistryYaml.FILE + "; create a registry with: git-model init");
        }
        return RegistryYaml.read(new String(yaml.get(), StandardCharsets.UTF_8), branch + ":" + RegistryYaml.FILE);
    }

    /** The id of the blob at {@code path} in a commit's tree, or null: a cheap identity of a file's content. */
    public ObjectId blobId(ObjectId commit, String path) throws RegistryException {
        try (RevWalk walk = new RevWalk(repo); TreeWalk tw = TreeWalk.forPath(repo, path, walk.parseCommit(commit).getTree())) {
            return tw == null ? null : tw.getObjectId(0);
        } catch (IOException e) {
            throw new RegistryIOException("cannot read " + path + " from " + directory, e);
        }
    }

    /** The blob at {@code path} in a commit's tree, if there is one. */
    public Optional<byte[]> readFile(ObjectId commit, String path) throws RegistryException {
        try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            return readFile(reader, walk, commit, path);
        }
    }

    /**
     * Several files of one commit in one walk of its tree (each tree on the way opened once): path
     * to bytes, for those that exist.
     */
    public Map<String, byte[]> readFiles(ObjectId commit, java.util.Collection<String> paths) throws RegistryException {
        Map<String, byte[]> out = new java.util.HashMap<>();
        try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader);
                TreeWalk tw = new TreeWalk(reader)) {
            tw.addTree(walk.parseCommit(commit).getTree());
            tw.setRecursive(true);
            tw.setFilter(org.eclipse.jgit.treewalk.filter.PathFilterGroup.createFromStrings(paths));
            while (tw.next()) {
                if (tw.getFileMode(0).getObjectType() != Constants.OBJ_BLOB || !paths.contains(tw.getPathString())) {
                    continue;
                }
                ObjectLoader loader = reader.open(tw.getObjectId(0), Constants.OBJ_BLOB);
                if (loader.getSize() > MAX_BLOB) {
                    throw new CorruptMetadataException(commit.name() + ":" + tw.getPathString(), tw.getPathString() + " in commit "
                            + commit.name() + " is " + loader.getSize() + " bytes; metadata files are limited to " + MAX_BLOB);
                }
                out.put(tw.getPathString(), loader.getCachedBytes(MAX_BLOB));
            }
        } catch (MissingObjectException e) {
            throw new RegistryIOException("object " + e.getObjectId().name() + " is missing from " + directory
                    + "; the repository is damaged or a fetch is incomplete", e);
        } catch (IOException e) {
            throw new RegistryIOException("cannot read " + paths + " from " + directory, e);
        }
        return out;
    }

    /** As {@link #readFile(ObjectId, String)}, with a reader and walk the caller reuses for many reads. */
    private Optional<byte[]> readFile(ObjectReader reader, RevWalk walk, ObjectId commit, String path) throws RegistryException {
        try {
            RevCommit c = walk.parseCommit(commit);
            try (TreeWalk tw = TreeWalk.forPath(reader, path, c.getTree())) {
                if (tw == null || tw.getFileMode(0).getObjectType() != Constants.OBJ_BLOB) {
                    return Optional.empty();
                }
                ObjectLoader loader = reader.open(tw.getObjectId(0), Constants.OBJ_BLOB);
                if (loader.getSize() > MAX_BLOB) {
                    throw new CorruptMetadataException(commit.name() + ":" + path, path + " in commit " + commit.name()
                            + " is " + loader.getSize() + " bytes; metadata files are limited to " + MAX_BLOB);
                }
                return Optional.of(loader.getCachedBytes(MAX_BLOB));
            }
        } catch (MissingObjectException e) {
            throw new RegistryIOException("object " + e.getObjectId().name() + " is missing from " + directory
                    + " (reading " + path + "); the repository is damaged or a fetch is incomplete", e);
        } catch (IOException e) {
            throw new RegistryIOException("cannot read " + path + " from " + directory, e);
        }
    }

    /** Whether the version has a model card: {@code models/<name>/README.md} in its registration commit. */
    public boolean hasModelCard(ModelVersion version) throws RegistryException {
        return readFile(ObjectId.fromString(version.commit()), RegistryLayout.modelCard(version.name())).isPresent();
    }

    /**
     * Names of the models on the registry branch that have at least one version tag, sorted. (A
     * model whose only version was deleted keeps its directory in the branch, but has no versions.)
     */
    public List<ModelName> models() throws RegistryException {
        java.util.Set<String> tagged = taggedModels();
        List<ModelName> out = new ArrayList<>();
        for (ModelName name : modelDirectories()) {
            if (tagged.contains(name.value())) {
                out.add(name);
            }
        }
        return out;
    }

    /** The model names that some version tag {@code <name>@v<N>} names. */
    private java.util.Set<String> taggedModels() throws RegistryException {
        java.util.Set<String> names = new java.util.HashSet<>();
        try {
            for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
                String tag = ref.getName().substring(Constants.R_TAGS.length());
                int at = tag.lastIndexOf("@v");
                if (at > 0 && RegistryLayout.isVersionNumber(tag.substring(at + 2))) {
                    names.add(tag.substring(0, at));
                }
            }
        } catch (IOException e) {
            throw new RegistryIOException("cannot list the version tags in " + directory, e);
        }
        return names;
    }

    /** Names of the model directories on the registry branch, sorted. */
    private List<ModelName> modelDirectories() throws RegistryException {
        return modelDirectories(head());
    }

    /** Names of the model directories in a registry commit, sorted. */
    public List<ModelName> modelDirectories(ObjectId head) throws RegistryException {
        List<ModelName> names = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader()) {
            RevCommit c = walk.parseCommit(head);
            try (TreeWalk models = TreeWalk.forPath(reader, RegistryLayout.MODELS, c.getTree())) {
                if (models == null || models.getFileMode(0) != FileMode.TREE) {
                    return names;
                }
                try (TreeWalk tw = new TreeWalk(reader)) {
                    tw.addTree(models.getObjectId(0));
                    while (tw.next()) {
                        if (tw.getFileMode(0) == FileMode.TREE) {
                            try {
                                names.add(new ModelName(tw.getNameString()));
                            } catch (IllegalArgumentException ignore) {
                                // a directory that is not a valid model name is not a model; verify reports it
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new RegistryIOException("cannot list models in " + directory, e);
        }
        names.sort(null);
        return names;
    }

    /** Version number to tagged commit, for every version tag of a model. */
    public TreeMap<Integer, ObjectId> versionTags(ModelName name) throws RegistryException {
        TreeMap<Integer, ObjectId> tags = new TreeMap<>();
        String prefix = RegistryLayout.tagPrefix(name);
        try {
            for (Ref ref : repo.getRefDatabase().getRefsByPrefix(prefix)) {
                String number = ref.getName().substring(prefix.length());
                if (!RegistryLayout.isVersionNumber(number)) {
                    continue;
                }
                Ref peeled = repo.getRefDatabase().peel(ref);
                ObjectId commit = peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : peeled.getObjectId();
                tags.put(Integer.parseInt(number), commit);
            }
        } catch (IOException e) {
            throw new RegistryIOException("cannot read the version tags of " + name + " in " + directory, e);
        }
        return tags;
    }

    /** The numbers of a model's version tags, from the ref names alone (no tag object is read). */
    public java.util.TreeSet<Integer> versionNumbers(ModelName name) throws RegistryException {
        java.util.TreeSet<Integer> numbers = new java.util.TreeSet<>();
        String prefix = RegistryLayout.tagPrefix(name);
        try {
            for (Ref ref : repo.getRefDatabase().getRefsByPrefix(prefix)) {
                String number = ref.getName().substring(prefix.length());
                if (RegistryLayout.isVersionNumber(number)) {
                    numbers.add(Integer.parseInt(number));
                }
            }
        } catch (IOException e) {
            throw new RegistryIOException("cannot read the version tags of " + name + " in " + directory, e);
        }
        return numbers;
    }

    /** The commit the version tag {@code <name>@v<version>} points at, or null: one ref looked up and peeled. */
    public ObjectId versionTag(ModelName name, int version) throws RegistryException {
        try {
            Ref ref = repo.exactRef(RegistryLayout.tagRef(name, version));
            if (ref == null) {
                return null;
            }
            Ref peeled = repo.getRefDatabase().peel(ref);
            return peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : peeled.getObjectId();
        } catch (IOException e) {
            throw new RegistryIOException("cannot read the version tag " + RegistryLayout.tagName(name, version) + " in "
                    + directory, e);
        }
    }

    /** Reads one version through its tag. */
    public ModelVersion read(ModelName name, int version) throws RegistryException {
        ObjectId commit = versionTag(name, version);
        String ref = RegistryLayout.tagName(name, version);
        if (commit == null) {
            java.util.TreeSet<Integer> tags = versionNumbers(name);
            if (tags.isEmpty() && !modelDirectories().contains(name)) {
                throw notFound(name);
            }
            throw new VersionNotFoundException(ref, "version " + version + " of model " + name + " does not exist; "
                    + (tags.isEmpty() ? "it has no versions" : "its versions are v" + tags.first() + " to v" + tags.last()));
        }
        return readAt(name, version, commit);
    }

    /** Reads {@code models/<name>/model.yaml} from a commit and checks it describes that version. */
    public ModelVersion readAt(ModelName name, int version, ObjectId commit) throws RegistryException {
        try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            return readAt(reader, walk, name, version, commit);
        }
    }

    /** Every version of {@code tags} (number to tagged commit), in their order, through one object reader. */
    public List<ModelVersion> readAll(ModelName name, Map<Integer, ObjectId> tags) throws RegistryException {
        List<ModelVersion> out = new ArrayList<>(tags.size());
        try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            for (Map.Entry<Integer, ObjectId> e : tags.entrySet()) {
                out.add(readAt(reader, walk, name, e.getKey(), e.getValue()));
            }
        }
        return out;
    }

    private ModelVersion readAt(ObjectReader reader, RevWalk walk, ModelName name, int version, ObjectId commit)
            throws RegistryException {
        String ref = RegistryLayout.tagName(name, version);
        String path = RegistryLayout.modelYaml(name);
        String file = ref + ":" + path;
        byte[] bytes = readFile(reader, walk, commit, path).orElseThrow(() -> new CorruptMetadataException(file,
                "tag " + ref + " points at commit " + commit.name() + " which has no " + path));
        ModelVersion v = ModelYaml.read(new String(bytes, StandardCharsets.UTF_8), file, commit.name());
        if (!v.name().equals(name) || v.version() != version) {
            throw new CorruptMetadataException(file, file + " describes " + v.name() + "@v" + v.version() + ", not " + ref);
        }
        return v;
    }

    public ModelNotFoundException notFound(ModelName name) throws RegistryException {
        List<ModelName> models = models();
        ObjectId head = head();
        int deletedUpTo = DeletedYaml.highest(numbering().deleted(head), name);
        if (deletedUpTo > 0 || modelDirectories().contains(name)) {
            // no version tag is left: every version was deleted (deleted.yaml records them; before it, the directory stayed)
            int last = head == null ? 0 : numbering().highestVersion(name, head);
            return new ModelNotFoundException(name.value(), "model " + name + " has no versions: "
                    + (last > 0 ? "its versions up to v" + last + " were deleted" : "they were deleted")
                    + " (numbers are never given out again; the next is v" + (last + 1) + ")");
        }
        return new ModelNotFoundException(name.value(), "model " + name + " does not exist in " + directory
                + (models.isEmpty() ? "; the registry has no models yet" : "; models: " + String.join(", ",
                        models.stream().limit(20).map(ModelName::value).toList()) + (models.size() > 20 ? ", ..." : "")));
    }
}
