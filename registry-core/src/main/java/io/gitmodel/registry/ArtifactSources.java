package io.gitmodel.registry;

import io.gitmodel.registry.errors.InvalidArtifactException;
import io.gitmodel.registry.errors.UnsafePathException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the files and directories given to {@link RegisterCommand} into a checked list of
 * (artifact path, regular file) pairs: no symbolic links, no missing files, no duplicates.
 */
final class ArtifactSources {
    /** One file to store, and where it goes in the version. */
    record Source(ArtifactPath path, Path file, long size) {
    }

    /** A file or directory as the caller gave it; {@code prefix} is null for "use the file name". */
    record Request(String prefix, Path source) {
    }

    private ArtifactSources() {
    }

    static List<Source> expand(List<Request> requests) throws InvalidArtifactException {
        Map<ArtifactPath, Source> byPath = new TreeMap<>();
        for (Request r : requests) {
            for (Source s : expandOne(r)) {
                Source clash = byPath.putIfAbsent(s.path(), s);
                if (clash != null) {
                    throw new InvalidArtifactException(s.file(), "two artifacts would have the path " + s.path() + ": "
                            + clash.file() + " and " + s.file() + "; give one of them another path");
                }
            }
        }
        return new ArrayList<>(byPath.values());
    }

    private static List<Source> expandOne(Request r) throws InvalidArtifactException {
        Path source = r.source().toAbsolutePath().normalize();
        BasicFileAttributes attrs = attributes(source);
        if (attrs.isRegularFile()) {
            String target = r.prefix() != null ? r.prefix() : fileName(source);
            return List.of(new Source(path(target, source), source, attrs.size()));
        }
        if (!attrs.isDirectory()) {
            throw new InvalidArtifactException(source, "artifact " + source + " is not a regular file or directory");
        }
        List<Source> out = new ArrayList<>();
        try {
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
                    if (a.isSymbolicLink()) {
                        throw new Rejected(new InvalidArtifactException(file, "artifact " + file
                                + " is a symbolic link; git-model stores regular files only: copy the target instead"));
                    }
                    if (!a.isRegularFile()) {
                        throw new Rejected(new InvalidArtifactException(file, "artifact " + file + " is not a regular file"));
                    }
                    String relative = source.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                    String target = r.prefix() != null ? r.prefix() + "/" + relative : relative;
                    try {
                        out.add(new Source(path(target, file), file, a.size()));
                    } catch (InvalidArtifactException e) {
                        throw new Rejected(e);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    throw new Rejected(new InvalidArtifactException(file, "cannot read artifact " + file + ": " + e.getMessage()));
                }
            });
        } catch (Rejected e) {
            throw e.reason;
        } catch (IOException e) {
            throw new InvalidArtifactException(source, "cannot read artifact directory " + source + ": " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new InvalidArtifactException(source, "artifact directory " + source + " contains no files");
        }
        return out;
    }

    private static BasicFileAttributes attributes(Path source) throws InvalidArtifactException {
        try {
            BasicFileAttributes attrs = Files.readAttributes(source, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attrs.isSymbolicLink()) {
                throw new InvalidArtifactException(source, "artifact " + source
                        + " is a symbolic link; git-model stores regular files only: give the target instead");
            }
            return attrs;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidArtifactException(source, "artifact " + source + " does not exist");
        } catch (IOException e) {
            throw new InvalidArtifactException(source, "cannot read artifact " + source + ": " + e.getMessage());
        }
    }

    private static String fileName(Path source) {
        Path name = source.getFileName();
        return name == null ? "" : name.toString();
    }

    private static ArtifactPath path(String target, Path file) throws InvalidArtifactException {
        try {
            return new ArtifactPath(target);
        } catch (UnsafePathException e) {
            throw new InvalidArtifactException(file, "artifact " + file + " cannot be stored: " + e.getMessage());
        }
    }

    /** A media type from the file extension; registries are read by tools, not browsers, so a short list will do. */
    static String mediaType(ArtifactPath path) {
        String name = path.fileName().toLowerCase(java.util.Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        return switch (ext) {
            case "json" -> "application/json";
            case "yaml", "yml" -> "application/yaml";
            case "txt", "md", "csv" -> ext.equals("csv") ? "text/csv" : ext.equals("md") ? "text/markdown" : "text/plain";
            case "onnx" -> "application/onnx";
            case "zip" -> "application/zip";
            case "gz", "tgz" -> "application/gzip";
            case "parquet" -> "application/vnd.apache.parquet";
            default -> "application/octet-stream";
        };
    }

    /** Carries a checked exception out of a file visitor. */
    private static final class Rejected extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient InvalidArtifactException reason;

        Rejected(InvalidArtifactException reason) {
            super(reason.getMessage());
            this.reason = reason;
        }
    }
}
