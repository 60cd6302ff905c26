package io.gitmodel.registry.internal.lfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.Sha256;
import io.gitmodel.registry.errors.ArtifactIntegrityException;
import io.gitmodel.registry.errors.ArtifactMissingException;
import io.gitmodel.registry.errors.CorruptArtifactException;
import io.gitmodel.registry.testing.RegistryAssertions;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The content-addressed store at {@code <git-dir>/lfs/objects/aa/bb/<oid>}. */
class LfsObjectStoreTest {
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);
    private static final Sha256 HELLO_OID = new Sha256("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");

    @TempDir
    Path gitDir;
    LfsObjectStore store;

    @BeforeEach
    void setUp() {
        store = new LfsObjectStore(gitDir);
    }

    @Test
    void objectsLiveWhereGitLfsKeepsThem() throws Exception {
        LfsObjectStore.Stored s = store.insert(new ByteArrayInputStream(HELLO), n -> { });
        assertEquals(HELLO_OID, s.oid());
        assertEquals(5, s.size());
        assertTrue(s.copied());
        Path expected = gitDir.resolve("lfs/objects/2c/f2/" + HELLO_OID.hex());
        assertEquals(expected, store.path(HELLO_OID));
        assertArrayEquals(HELLO, Files.readAllBytes(expected));
        assertTrue(store.contains(HELLO_OID, 5));
        assertFalse(store.contains(HELLO_OID, 6));
        assertEquals(List.of(), tmpFiles(), "no temporary file is left behind");
    }

    @Test
    void storingTheSameContentTwiceCopiesOnce() throws Exception {
        assertTrue(store.insert(new ByteArrayInputStream(HELLO), n -> { }).copied());
        long modified = Files.getLastModifiedTime(store.path(HELLO_OID)).toMillis();
        LfsObjectStore.Stored again = store.insert(new ByteArrayInputStream(HELLO), n -> { });
        assertFalse(again.copied());
        assertEquals(HELLO_OID, again.oid());
        assertEquals(5, again.size());
        assertEquals(modified, Files.getLastModifiedTime(store.path(HELLO_OID)).toMillis());
        assertEquals(List.of("2c/f2/" + HELLO_OID.hex()), objectFiles());
        assertEquals(List.of(), tmpFiles());
    }

    @Test
    void progressReportsBytesCopied() throws Exception {
        byte[] big = new byte[1_000_000];
        List<Long> seen = new ArrayList<>();
        LfsObjectStore.Stored s = store.insert(new ByteArrayInputStream(big), seen::add);
        assertEquals(1_000_000, s.size());
        assertEquals(1_000_000L, seen.get(seen.size() - 1));
        assertEquals(RegistryAssertions.sha256(big), s.oid().hex());
    }

    @Test
    void insertVerifiedWithTheRightOidStoresIt() throws Exception {
        LfsObjectStore.Stored s = store.insertVerified(new ByteArrayInputStream(HELLO), HELLO_OID, 5, n -> { });
        assertTrue(s.copied());
        assertTrue(store.contains(HELLO_OID, 5));
    }

    @Test
    void insertVerifiedWithTheWrongOidStoresNothing() throws Exception {
        Sha256 wrong = new Sha256("0".repeat(64));
        CorruptArtifactException e = assertThrows(CorruptArtifactException.class,
                () -> store.insertVerified(new ByteArrayInputStream(HELLO), wrong, 5, n -> { }));
        assertEquals(wrong.prefixed(), e.expectedOid());
        assertEquals(HELLO_OID.prefixed(), e.actualOid());
        assertTrue(e.getMessage().contains("nothing was stored"), e.getMessage());
        assertFalse(Files.exists(store.path(wrong)));
        assertFalse(Files.exists(store.path(HELLO_OID)), "the bytes must not be stored under their real oid either");
        assertEquals(List.of(), objectFiles());
        assertEquals(List.of(), tmpFiles());
    }

    @Test
    void insertVerifiedWithTheWrongSizeStoresNothing() throws Exception {
        // fewer bytes than announced: the transfer was cut, which is not corruption
        java.io.EOFException cut = assertThrows(java.io.EOFException.class,
                () -> store.insertVerified(new ByteArrayInputStream(HELLO), HELLO_OID, 6, n -> { }));
        assertTrue(cut.getMessage().contains("ended after 5 of 6 bytes"), cut.getMessage());
        // more bytes than announced: refused after one byte too many, however long the sender goes on
        CorruptArtifactException e = assertThrows(CorruptArtifactException.class,
                () -> store.insertVerified(new ByteArrayInputStream(HELLO), HELLO_OID, 4, n -> { }));
        assertEquals(HELLO_OID.prefixed(), e.expectedOid());
        assertTrue(e.getMessage().contains("more than 4 bytes"), e.getMessage());
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }
        };
        assertThrows(CorruptArtifactException.class, () -> store.insertVerified(endless, HELLO_OID, 5, n -> { }));
        assertEquals(List.of(), objectFiles());
        assertEquals(List.of(), tmpFiles());
    }

    @Test
    void openVerifiesContent() throws Exception {
        store.insert(new ByteArrayInputStream(HELLO), n -> { });
        try (InputStream in = store.open(HELLO_OID, 5, "fraud@v1:x.bin")) {
            assertArrayEquals(HELLO, in.readAllBytes());
        }
        Files.write(store.path(HELLO_OID), "jello".getBytes(StandardCharsets.US_ASCII));
        try (InputStream in = store.open(HELLO_OID, 5, "fraud@v1:x.bin")) {
            ArtifactIntegrityException e = assertThrows(ArtifactIntegrityException.class, in::readAllBytes);
            assertEquals(HELLO_OID.prefixed(), e.corruption().expectedOid());
            assertEquals("sha256:" + RegistryAssertions.sha256("jello".getBytes(StandardCharsets.US_ASCII)),
                    e.corruption().actualOid());
            assertTrue(e.getMessage().contains("fraud@v1:x.bin"), e.getMessage());
        }
    }

    @Test
    void openMissingObject() {
        ArtifactMissingException e = assertThrows(ArtifactMissingException.class, () -> store.open(HELLO_OID, 5, "fraud@v1:x.bin"));
        assertEquals(HELLO_OID.prefixed(), e.oid());
        assertTrue(e.getMessage().contains("fraud@v1:x.bin"), e.getMessage());
    }

    @Test
    void verifyingStreamFailsAsSoonAsTooManyBytesArrive() throws Exception {
        byte[] data = new byte[100];
        try (InputStream in = new VerifyingInputStream(new ByteArrayInputStream(data), HELLO_OID, 10, "x")) {
            ArtifactIntegrityException e = assertThrows(ArtifactIntegrityException.class, () -> in.read(new byte[100]));
            assertNull(e.corruption().actualOid());
            assertTrue(e.getMessage().contains("more than the expected 10 bytes"), e.getMessage());
        }
    }

    @Test
    void verifyingStreamChecksWhenReadByteByByteAndWhenSkipping() throws Exception {
        try (InputStream in = new VerifyingInputStream(new ByteArrayInputStream(HELLO), HELLO_OID, 5, "x")) {
            for (int i = 0; i < 5; i++) {
                assertEquals(HELLO[i], (byte) in.read());
            }
            assertEquals(-1, in.read());
        }
        try (InputStream in = new VerifyingInputStream(new ByteArrayInputStream("jello".getBytes(StandardCharsets.US_ASCII)),
                HELLO_OID, 5, "x")) {
            assertEquals(5, in.skip(5));
            assertThrows(ArtifactIntegrityException.class, in::read);
        }
    }

    private List<String> objectFiles() throws Exception {
        return files(gitDir.resolve("lfs/objects"));
    }

    private List<String> tmpFiles() throws Exception {
        return files(gitDir.resolve("lfs/tmp"));
    }

    private static List<String> files(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }
}
