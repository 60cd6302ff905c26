package io.gitmodel.registry.internal.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Reads a few branch tips straight from the files of a files-backend ref database, as git does:
 * the loose ref file if there is one, else a binary search of the sorted packed-refs file, mapped
 * into memory. JGit parses the whole packed-refs file on the first lookup (100,000 version tags:
 * 10 MB and about 240 ms in a fresh JVM); the index only needs its key, a handful of branches.
 *
 * <p>Answers only what it can answer exactly: a symbolic ref or anything unexpected is
 * {@link Unsupported}, and the caller asks JGit instead. git declares its packed-refs files sorted;
 * JGit writes them sorted without saying so, so such a file is checked once, in one pass over its
 * bytes, and the check is remembered in a stamp (size, modification time, file key) beside the index:
 * the file is rewritten on every ref update, and the stamp then no longer matches.
 * A ref that moves during the read yields its old or its new value, as any racing read does.
 */
final class RefFiles {
    /** This layout or file cannot be read here; ask JGit. */
    static final class Unsupported extends Exception {
        Unsupported(String why) {
            super(why, null, false, false);
        }
    }

    private final Path gitDir;
    private final Path sortedStamp;
    private PackedRefs packed;

    /** @param sortedStamp where to remember that a packed-refs file without the sorted trait was found sorted */
    RefFiles(Path gitDir, Path sortedStamp) {
        this.gitDir = gitDir;
        this.sortedStamp = sortedStamp;
    }

    /** The id {@code ref} holds, or null if it does not exist. */
    ObjectId tip(String ref) throws IOException, Unsupported {
        ObjectId loose = loose(gitDir.resolve(ref));
        if (loose != null) {
            return loose;
        }
        return packed().find(ref);
    }

    /** Every ref under {@code prefix} (ending in '/') and the id it holds, sorted by name. */
    TreeMap<String, ObjectId> byPrefix(String prefix) throws IOException, Unsupported {
        TreeMap<String, ObjectId> out = new TreeMap<>(packed().range(prefix));
        looseUnder(gitDir.resolve(prefix), prefix, out);
        return out;
    }

    private void looseUnder(Path dir, String prefix, Map<String, ObjectId> out) throws IOException, Unsupported {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = prefix + p.getFileName();
                if (Files.isDirectory(p)) {
                    looseUnder(p, name + "/", out);
                } else if (!name.endsWith(".lock")) {
                    ObjectId id = loose(p);
                    if (id != null) {
                        out.put(name, id);
                    }
                }
            }
        } catch (NoSuchFileException | java.nio.file.NotDirectoryException absent) {
            // no loose refs there
        }
    }

    /** The id in a loose ref file, or null if there is no such file. */
    private static ObjectId loose(Path file) throws IOException, Unsupported {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException | java.nio.file.AccessDeniedException absent) {
            return null;
        } catch (IOException e) {
            if (Files.isDirectory(file)) {
                return null; // a directory of refs, not a ref
            }
            throw e;
        }
        if (bytes.length < 40 || !ObjectId.isId(new String(bytes, 0, 40, StandardCharsets.US_ASCII))) {
            throw new Unsupported(file + " is not a plain ref (symbolic or unreadable)");
        }
        return ObjectId.fromString(bytes, 0);
    }

    private PackedRefs packed() throws IOException, Unsupported {
        Path file = gitDir.resolve("packed-refs");
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException absent) {
            packed = PackedRefs.EMPTY;
            return packed;
        }
        if (packed == null || !packed.sameFile(attrs)) {
            packed = PackedRefs.map(file, attrs, sortedStamp);
        }
        return packed;
    }

    private static String stamp(BasicFileAttributes attrs) {
        return attrs.size() + " " + attrs.lastModifiedTime().toInstant() + " " + attrs.fileKey();
    }

    /** A mapped, sorted packed-refs file: lines {@code <40 hex> <name>}, each maybe followed by {@code ^<40 hex>}. */
    private static final class PackedRefs {
        static final PackedRefs EMPTY = new PackedRefs(ByteBuffer.allocate(0), 0, null);

        private final ByteBuffer bytes;
        private final int start;
        private final BasicFileAttributes attrs;

        private PackedRefs(ByteBuffer bytes, int start, BasicFileAttributes attrs) {
            this.bytes = bytes;
            this.start = start;
            this.attrs = attrs;
        }

        static PackedRefs map(Path file, BasicFileAttributes attrs, Path sortedStamp) throws IOException, Unsupported {
            if (attrs.size() > Integer.MAX_VALUE) {
                throw new Unsupported(file + " is larger than 2 GB");
            }
            MappedByteBuffer buffer;
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                buffer = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            }
            int start = 0;
            if (buffer.limit() > 0 && buffer.get(0) == '#') {
                int eol = lineEnd(buffer, 0);
                String header = ascii(buffer, 0, eol);
                start = Math.min(eol + 1, buffer.limit());
                if (!(" " + header + " ").contains(" sorted ")) {
                    checkSorted(new PackedRefs(buffer, start, attrs), file, attrs, sortedStamp);
                }
            } else if (buffer.limit() > 0) {
                checkSorted(new PackedRefs(buffer, start, attrs), file, attrs, sortedStamp);
            }
            return new PackedRefs(buffer, start, attrs);
        }

        /** Checks, or finds remembered, that the records are in strictly increasing byte order of their names. */
        private static void checkSorted(PackedRefs refs, Path file, BasicFileAttributes attrs, Path stampFile)
                throws Unsupported {
            String stamp = stamp(attrs);
            try {
                if (stamp.equals(Files.readString(stampFile, StandardCharsets.US_ASCII))) {
                    return;
                }
            } catch (IOException noStamp) {
                // check it
            }
            int previous = -1;
            for (int at = refs.start; at < refs.bytes.limit(); at = refs.nextRecord(at)) {
                refs.nameAt(at); // checks the record's shape
                if (previous >= 0 && refs.compareNames(previous, at) >= 0) {
                    throw new Unsupported(file + " is not sorted");
                }
                previous = at;
            }
            try {
                Files.createDirectories(stampFile.getParent());
                Path tmp = io.gitmodel.registry.internal.lfs.SharedFiles.createTemp(stampFile.getParent(), "packed-refs.", ".tmp");
                Files.writeString(tmp, stamp, StandardCharsets.US_ASCII);
                RegistryIndexFiles.moveIntoPlace(tmp, stampFile);
            } catch (IOException e) {
                // checked again next time
            }
        }

        /** Compares the names of two records byte by byte (unsigned), as git orders refs. */
        private int compareNames(int a, int b) {
            int ea = lineEnd(bytes, a);
            int eb = lineEnd(bytes, b);
            int i = a + 41;
            int j = b + 41;
            while (i < ea && j < eb) {
                int c = (bytes.get(i) & 0xff) - (bytes.get(j) & 0xff);
                if (c != 0) {
                    return c;
                }
                i++;
                j++;
            }
            return (ea - i) - (eb - j);
        }

        boolean sameFile(BasicFileAttributes now) {
            return RegistryIndexFiles.sameFile(attrs, now);
        }

        ObjectId find(String ref) throws Unsupported {
            int at = lowerBound(ref);
            if (at < bytes.limit() && nameAt(at).equals(ref)) {
                return idAt(at);
            }
            return null;
        }

        Map<String, ObjectId> range(String prefix) throws Unsupported {
            Map<String, ObjectId> out = new TreeMap<>();
            for (int at = lowerBound(prefix); at < bytes.limit(); at = nextRecord(at)) {
                String name = nameAt(at);
                if (!name.startsWith(prefix)) {
                    break;
                }
                out.put(name, idAt(at));
            }
            return out;
        }

        /** The offset of the first record whose name is not less than {@code key} (or the end). */
        private int lowerBound(String key) throws Unsupported {
            int lo = start;
            int hi = bytes.limit();
            // invariant: every record starting before lo is < key; every record starting at or after hi is >= key
            while (lo < hi) {
                int mid = recordStartAtOrBefore(lo + (hi - lo) / 2);
                if (mid < lo) {
                    mid = lo;
                }
                if (nameAt(mid).compareTo(key) < 0) {
                    lo = nextRecord(mid);
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        /** The start of the ref record (not a peeled line) that holds offset {@code pos}. */
        private int recordStartAtOrBefore(int pos) {
            int p = pos;
            while (p > start && bytes.get(p - 1) != '\n') {
                p--;
            }
            if (p < bytes.limit() && bytes.get(p) == '^' && p > start) {
                return recordStartAtOrBefore(p - 1);
            }
            return p;
        }

        private int nextRecord(int at) {
            int p = lineEnd(bytes, at) + 1;
            while (p < bytes.limit() && bytes.get(p) == '^') {
                p = lineEnd(bytes, p) + 1;
            }
            return Math.min(p, bytes.limit());
        }

        private String nameAt(int at) throws Unsupported {
            int eol = lineEnd(bytes, at);
            if (eol - at < 42 || bytes.get(at + 40) != ' ') {
                throw new Unsupported("packed-refs has a line this reader does not know: " + ascii(bytes, at, eol));
            }
            byte[] name = new byte[eol - at - 41];
            bytes.get(at + 41, name);
            return new String(name, StandardCharsets.UTF_8);
        }

        private ObjectId idAt(int at) throws Unsupported {
            String hex = ascii(bytes, at, at + 40);
            if (!ObjectId.isId(hex)) {
                throw new Unsupported("packed-refs has a malformed id: " + hex);
            }
            return ObjectId.fromString(hex);
        }

        private static int lineEnd(ByteBuffer b, int from) {
            int p = from;
            while (p < b.limit() && b.get(p) != '\n') {
                p++;
            }
            return p;
        }

        private static String ascii(ByteBuffer b, int from, int to) {
            byte[] out = new byte[Math.max(0, to - from)];
            b.get(from, out);
            return new String(out, StandardCharsets.US_ASCII);
        }
    }
}
