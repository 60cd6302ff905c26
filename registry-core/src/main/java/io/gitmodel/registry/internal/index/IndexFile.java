package io.gitmodel.registry.internal.index;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The index file, {@code <git-dir>/git-model/index/registry.idx}: a binary table in the manner of
 * git's pack index and commit-graph, read through a memory map so that one lookup touches a few
 * pages, not the whole file. All integers are big-endian.
 *
 * <pre>
 * "GMIX" u32 format  u64 file length (trailer included)
 * registry tip (20)  registry.yaml blob id (20, zeros if none)  u64 document store generation
 * u32 n, n x (u16 length, UTF-8 name)                        declared stages, in declaration order
 * u32 n, n x commit (20)                                      commits that changed registry.yaml, oldest first
 * u32 n, n x (u16 length, UTF-8 name, tip (20))              stage branches, sorted by name
 * u32 models, models x u32 offset of the model's entry        sorted by name: binary search
 * entry: u16 length, UTF-8 name,
 *        u32 n, n x (u32 number, commit (20), i64 document offset or -1, u32 length, u32 CRC-32)
 *        u16 n, n x (u16 stage branch index, u16 k, k x u32 version held)
 * trailer: SHA-1 of everything before it (checked by verify, not by each read, as git does)
 * </pre>
 */
final class IndexFile {
    static final String NAME = "registry.idx";
    private static final int MAGIC = 0x474d4958; // "GMIX"
    static final int FORMAT = 2;
    private static final int TRAILER = 20;
    /** u32 number, commit, i64 document offset, u32 length, u32 CRC-32. */
    private static final int VERSION_BYTES = 4 + 20 + 8 + 4 + 4;

    /** The file is not an index this version can read, or is damaged. */
    static final class Corrupt extends IOException {
        Corrupt(String message) {
            super(message);
        }
    }

    private final ByteBuffer buf;
    private final IndexKey key;
    private final ObjectId policyBlob;
    private final List<String> declaredStages;
    private final List<ObjectId> policyCommits;
    private final List<String> stageNames;
    private final long docsGeneration;
    private final int models;
    private final int table;

    private IndexFile(ByteBuffer buf) throws Corrupt {
        this.buf = buf;
        try {
            if (buf.limit() < 16 + TRAILER || buf.getInt(0) != MAGIC) {
                throw new Corrupt("not a git-model index file");
            }
            if (buf.getInt(4) != FORMAT) {
                throw new Corrupt("index format " + buf.getInt(4) + ", this version reads " + FORMAT);
            }
            if (buf.getLong(8) != buf.limit()) {
                throw new Corrupt("index file is " + buf.limit() + " bytes but says " + buf.getLong(8));
            }
            buf.position(16);
            ObjectId registry = id();
            ObjectId policy = id();
            this.policyBlob = policy.equals(ObjectId.zeroId()) ? null : policy;
            this.docsGeneration = buf.getLong();
            int declared = count(buf.getInt());
            List<String> d = new ArrayList<>(declared);
            for (int i = 0; i < declared; i++) {
                d.add(string());
            }
            this.declaredStages = List.copyOf(d);
            int changes = count(buf.getInt());
            List<ObjectId> pc = new ArrayList<>(changes);
            for (int i = 0; i < changes; i++) {
                pc.add(id());
            }
            this.policyCommits = List.copyOf(pc);
            int stages = count(buf.getInt());
            TreeMap<String, ObjectId> tips = new TreeMap<>();
            List<String> names = new ArrayList<>(stages);
            for (int i = 0; i < stages; i++) {
                String name = string();
                names.add(name);
                tips.put(name, id());
            }
            this.stageNames = List.copyOf(names);
            this.key = new IndexKey(registry, tips);
            this.models = count(buf.getInt());
            this.table = buf.position();
            if ((long) table + 4L * models > buf.limit() - TRAILER) {
                throw new Corrupt("index model table runs past the end of the file");
            }
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new Corrupt("index file is truncated");
        }
    }

    /** Maps and checks the header of an index file; the file may be replaced afterwards, the map stays valid. */
    static IndexFile open(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return new IndexFile(ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()));
        }
    }

    static IndexFile of(byte[] bytes) throws Corrupt {
        return new IndexFile(ByteBuffer.wrap(bytes));
    }

    IndexKey key() {
        return key;
    }

    ObjectId policyBlob() {
        return policyBlob;
    }

    List<String> declaredStages() {
        return declaredStages;
    }

    List<ObjectId> policyCommits() {
        return policyCommits;
    }

    long docsGeneration() {
        return docsGeneration;
    }

    /** The model's entry, or null if the index has none: a binary search of the model table. */
    ModelEntry model(String name) throws Corrupt {
        int lo = 0;
        int hi = models - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = nameAt(mid).compareTo(name);
            if (c == 0) {
                return entry(mid);
            } else if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return null;
    }

    /** The model names, sorted; only those with versions if {@code withVersions}. */
    List<String> modelNames(boolean withVersions) throws Corrupt {
        List<String> out = new ArrayList<>(models);
        try {
            for (int i = 0; i < models; i++) {
                ByteBuffer b = at(i);
                String name = string(b);
                if (!withVersions || b.getInt() > 0) {
                    out.add(name);
                }
            }
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new Corrupt("index model table is truncated");
        }
        return out;
    }

    /** Model to stage to versions held, for the models some stage holds: the version tables are skipped, not read. */
    Map<String, Map<String, List<Integer>>> heldByModel() throws Corrupt {
        Map<String, Map<String, List<Integer>>> out = new TreeMap<>();
        try {
            for (int i = 0; i < models; i++) {
                ByteBuffer b = at(i);
                String name = string(b);
                int n = count(b.getInt());
                b.position(b.position() + n * VERSION_BYTES);
                Map<String, List<Integer>> held = held(b, name);
                if (!held.isEmpty()) {
                    out.put(name, held);
                }
            }
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new Corrupt("index model entries are truncated or malformed");
        }
        return out;
    }

    IndexData toData() throws Corrupt {
        TreeMap<String, ModelEntry> all = new TreeMap<>();
        for (int i = 0; i < models; i++) {
            ModelEntry e = entry(i);
            all.put(e.name(), e);
        }
        return new IndexData(key, policyBlob, declaredStages, policyCommits, docsGeneration, all);
    }

    /** Whether the trailer's SHA-1 matches the content. */
    boolean checksumMatches() {
        ByteBuffer content = buf.duplicate().position(0).limit(buf.limit() - TRAILER);
        byte[] expected = new byte[TRAILER];
        buf.get(buf.limit() - TRAILER, expected);
        return MessageDigest.isEqual(expected, sha1(content));
    }

    private String nameAt(int i) throws Corrupt {
        ByteBuffer b = at(i);
        return string(b);
    }

    private ByteBuffer at(int i) throws Corrupt {
        int offset = buf.getInt(table + 4 * i);
        if (offset < table || offset >= buf.limit() - TRAILER) {
            throw new Corrupt("index model entry " + i + " points outside the file");
        }
        return buf.duplicate().position(offset);
    }

    private ModelEntry entry(int i) throws Corrupt {
        try {
            ByteBuffer b = at(i);
            String name = string(b);
            int n = count(b.getInt());
            TreeMap<Integer, VersionEntry> versions = new TreeMap<>();
            for (int v = 0; v < n; v++) {
                int number = b.getInt();
                byte[] raw = new byte[20];
                b.get(raw);
                versions.put(number, new VersionEntry(number, ObjectId.fromRaw(raw), b.getLong(), b.getInt(), b.getInt()));
            }
            return new ModelEntry(name, versions, held(b, name));
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new Corrupt("index model entry " + i + " is truncated or malformed");
        }
    }

    private TreeMap<String, List<Integer>> held(ByteBuffer b, String name) throws Corrupt {
        int h = b.getShort() & 0xffff;
        TreeMap<String, List<Integer>> held = new TreeMap<>();
        for (int s = 0; s < h; s++) {
            int stage = b.getShort() & 0xffff;
            int k = b.getShort() & 0xffff;
            List<Integer> list = new ArrayList<>(k);
            for (int j = 0; j < k; j++) {
                list.add(b.getInt());
            }
            if (stage >= stageNames.size()) {
                throw new Corrupt("index entry of " + name + " names stage branch " + stage + " of " + stageNames.size());
            }
            held.put(stageNames.get(stage), List.copyOf(list));
        }
        return held;
    }

    private ObjectId id() {
        byte[] raw = new byte[20];
        buf.get(raw);
        return ObjectId.fromRaw(raw);
    }

    private String string() throws Corrupt {
        return string(buf);
    }

    private static String string(ByteBuffer b) throws Corrupt {
        int len = b.getShort() & 0xffff;
        if (len > b.remaining()) {
            throw new Corrupt("index string runs past the end of the file");
        }
        byte[] bytes = new byte[len];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private int count(int n) throws Corrupt {
        if (n < 0 || n > buf.limit()) {
            throw new Corrupt("index count " + n + " is impossible for a file of " + buf.limit() + " bytes");
        }
        return n;
    }

    /** The bytes of an index file holding {@code data}. */
    static byte[] encode(IndexData data) {
        try {
            List<String> stages = new ArrayList<>(data.key().stages().keySet());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + data.models().size() * 256);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeLong(0); // the length, patched below
            data.key().registry().copyRawTo(out);
            (data.policyBlob() == null ? ObjectId.zeroId() : data.policyBlob()).copyRawTo(out);
            out.writeLong(data.docsGeneration());
            out.writeInt(data.declaredStages().size());
            for (String s : data.declaredStages()) {
                string(out, s);
            }
            out.writeInt(data.policyCommits().size());
            for (ObjectId c : data.policyCommits()) {
                c.copyRawTo(out);
            }
            out.writeInt(stages.size());
            for (Map.Entry<String, ObjectId> e : data.key().stages().entrySet()) {
                string(out, e.getKey());
                e.getValue().copyRawTo(out);
            }
            List<ModelEntry> entries = data.models().values().stream().filter(e -> !e.isEmpty()).toList();
            out.writeInt(entries.size());
            int tableAt = out.size();
            for (int i = 0; i < entries.size(); i++) {
                out.writeInt(0); // offsets, patched below
            }
            int[] offsets = new int[entries.size()];
            for (int i = 0; i < entries.size(); i++) {
                offsets[i] = out.size();
                entry(out, entries.get(i), stages);
            }
            out.flush();
            ByteBuffer b = ByteBuffer.allocate(out.size() + TRAILER);
            b.put(bytes.toByteArray());
            b.putLong(8, b.capacity());
            for (int i = 0; i < offsets.length; i++) {
                b.putInt(tableAt + 4 * i, offsets[i]);
            }
            byte[] sum = sha1(b.duplicate().position(0).limit(b.capacity() - TRAILER));
            b.put(b.capacity() - TRAILER, sum);
            return b.array();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a byte array stream does not fail
        }
    }

    private static void entry(DataOutputStream out, ModelEntry e, List<String> stages) throws IOException {
        string(out, e.name());
        out.writeInt(e.versions().size());
        for (VersionEntry v : e.versions().values()) {
            out.writeInt(v.number());
            v.commit().copyRawTo(out);
            out.writeLong(v.docOffset());
            out.writeInt(v.docLength());
            out.writeInt(v.docCrc());
        }
        List<Map.Entry<String, List<Integer>>> held = e.held().entrySet().stream()
                .filter(h -> stages.contains(h.getKey())).toList();
        out.writeShort(held.size());
        for (Map.Entry<String, List<Integer>> h : held) {
            out.writeShort(stages.indexOf(h.getKey()));
            out.writeShort(h.getValue().size());
            for (int v : h.getValue()) {
                out.writeInt(v);
            }
        }
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeShort(b.length);
        out.write(b);
    }

    private static byte[] sha1(ByteBuffer content) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            md.update(content);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java platform", e);
        }
    }
}
