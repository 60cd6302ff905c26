package io.gitmodel.registry.internal.lfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.Sha256;
import io.gitmodel.registry.testing.GitCli;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.RegistryAssertions;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Git LFS pointer files, spec v1, byte for byte. */
@IsolatedGit
class LfsPointerTest {
    private static final String OID = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"; // sha256("hello")
    private static final String CANONICAL = "version https://git-lfs.github.com/spec/v1\noid sha256:" + OID + "\nsize 5\n";

    @Test
    void toBytesIsExactlyTheSpecText() {
        byte[] bytes = new LfsPointer(new Sha256(OID), 5).toBytes();
        assertArrayEquals(CANONICAL.getBytes(StandardCharsets.US_ASCII), bytes);
        assertEquals(CANONICAL.length(), bytes.length);
    }

    @Test
    void largeSizesArePrintedInDecimalWithoutGrouping() {
        String text = new String(new LfsPointer(new Sha256(OID), 12_345_678_901L).toBytes(), StandardCharsets.US_ASCII);
        assertTrue(text.endsWith("\nsize 12345678901\n"), text);
        String max = new String(new LfsPointer(new Sha256(OID), Long.MAX_VALUE).toBytes(), StandardCharsets.US_ASCII);
        assertTrue(max.endsWith("\nsize 9223372036854775807\n"), max);
    }

    @Test
    void parseRoundTrip() {
        LfsPointer p = LfsPointer.parse(CANONICAL.getBytes(StandardCharsets.US_ASCII)).orElseThrow();
        assertEquals(new Sha256(OID), p.oid());
        assertEquals(5, p.size());
        assertArrayEquals(CANONICAL.getBytes(StandardCharsets.US_ASCII), p.toBytes());
        LfsPointer big = new LfsPointer(new Sha256(OID), Long.MAX_VALUE);
        assertEquals(Optional.of(big), LfsPointer.parse(big.toBytes()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "version https://git-lfs.github.com/spec/v1\r\noid sha256:" + OID + "\r\nsize 5\r\n",
            "version https://git-lfs.github.com/spec/v1\noid sha256:" + OID + "\nsize 5\r\n",
            "version https://git-lfs.github.com/spec/v1\next-0-foo sha256:" + OID + "\noid sha256:" + OID + "\nsize 5\n",
            "version https://git-lfs.github.com/spec/v1\noid sha256:" + OID + "\nsize 5\nx-extra yes\n",
            "version https://git-lfs.github.com/spec/v1\noid sha256:" + OID + "\nsize 05\n",
            "version https://git-lfs.github.com/spec/v1\noid sha256:" + OID + "\nsize 00\n",
            "version https://git-lfs.github.com/spec/v1\noid sha256:" + OID + "\nsize -5\n",
            "version https://git-lfs.github.com/spec/v1\noid sha256:" + OID + "\nsize +5\n",
            "version https://git-lfs.github.com/spec/v1\noid sha256:" + OID + "\nsize 5",
            "version https://git-lfs.github.com/spec/v1\noid sha256:" + OID + "\nsize 5\n\n",
            "version https://git-lfs.github.com/spec/v1\noid sha256:" + OID + "\nsize  5\n",
            "version https://git-lfs.github.com/spec/v1\noid sha256:" + OID + "\nsize 99999999999999999999\n",
            "version https://git-lfs.github.com/spec/v1\noid sha256:2CF24DBA5FB0A30E26E83B2AC5B9E29E1B161E5C1FA7425E73043362938B9824\nsize 5\n",
            "version https://git-lfs.github.com/spec/v1\noid sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b982\nsize 5\n",
            "version https://git-lfs.github.com/spec/v1\noid sha1:" + OID + "\nsize 5\n",
            "version https://git-lfs.github.com/spec/v2\noid sha256:" + OID + "\nsize 5\n",
            "version https://hawser.github.com/spec/v1\noid sha256:" + OID + "\nsize 5\n",
            "oid sha256:" + OID + "\nversion https://git-lfs.github.com/spec/v1\nsize 5\n",
            "version https://git-lfs.github.com/spec/v1\nsize 5\noid sha256:" + OID + "\n",
            " version https://git-lfs.github.com/spec/v1\noid sha256:" + OID + "\nsize 5\n",
            "hello"})
    void nonCanonicalPointersAreRejected(String text) {
        assertEquals(Optional.empty(), LfsPointer.parse(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void moreThan1024BytesIsNotAPointer() {
        // a canonical pointer padded to more than 1024 bytes, e.g. with a valid-looking size of many digits
        byte[] canonical = CANONICAL.getBytes(StandardCharsets.US_ASCII);
        byte[] big = new byte[LfsPointer.MAX_SIZE + 1];
        System.arraycopy(canonical, 0, big, 0, canonical.length);
        assertEquals(Optional.empty(), LfsPointer.parse(big));
        assertEquals(Optional.empty(), LfsPointer.parse(new byte[10 * 1024 * 1024]));
    }

    @Test
    void nonAsciiBytesAreRejected() {
        byte[] bytes = CANONICAL.replace("version", "versi\u00f6n").getBytes(StandardCharsets.UTF_8);
        assertEquals(Optional.empty(), LfsPointer.parse(bytes));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 1000, 70_000})
    void sameBytesAsGitLfsPointer(int size, TestEnv env) throws Exception {
        Assumptions.assumeTrue(GitCli.hasGitLfs(), "git-lfs is not installed");
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        assertEquals(new String(gitLfsPointer(env, content), StandardCharsets.US_ASCII),
                new String(ourPointer(content), StandardCharsets.US_ASCII));
        assertArrayEquals(gitLfsPointer(env, content), ourPointer(content));
        assertArrayEquals(RegistryAssertions.lfsPointer(content).getBytes(StandardCharsets.US_ASCII), ourPointer(content));
    }

    @Test
    void emptyFileHasTheSamePointerAsGitLfs(TestEnv env) throws Exception {
        Assumptions.assumeTrue(GitCli.hasGitLfs(), "git-lfs is not installed");
        assertArrayEquals(gitLfsPointer(env, new byte[0]), ourPointer(new byte[0]));
    }

    private byte[] ourPointer(byte[] content) {
        return new LfsPointer(new Sha256(RegistryAssertions.sha256(content)), content.length).toBytes();
    }

    private byte[] gitLfsPointer(TestEnv env, byte[] content) throws Exception {
        Path file = Files.write(Files.createTempFile(env.dir(), "artifact", ".bin"), content);
        GitCli.Result r = env.git().run(env.dir(), java.util.List.of("git", "lfs", "pointer", "--file=" + file)).ok();
        return r.stdout().getBytes(StandardCharsets.US_ASCII);
    }
}
