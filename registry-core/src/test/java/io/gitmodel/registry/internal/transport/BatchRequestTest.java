package io.gitmodel.registry.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gitmodel.registry.Sha256;
import io.gitmodel.registry.testing.JsonDocs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Git LFS batch request body, byte for byte as the batch API documents it. */
class BatchRequestTest {
    @Test
    void aBatchRequestNamesTheOperationTheBasicAdapterAndEveryObjectInOrder() {
        Map<Sha256, Long> objects = new LinkedHashMap<>();
        objects.put(Sha256.parse("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"), 1234L);
        objects.put(Sha256.parse("ab".repeat(32)), 0L);
        String body = HttpLfsRemote.batchRequest("upload", objects);
        assertEquals("{\"operation\":\"upload\",\"transfers\":[\"basic\"],\"hash_algo\":\"sha256\",\"objects\":["
                + "{\"oid\":\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\",\"size\":1234},"
                + "{\"oid\":\"" + "ab".repeat(32) + "\",\"size\":0}]}", body);
        assertEquals(Map.of("operation", "upload", "transfers", List.of("basic"), "hash_algo", "sha256", "objects",
                List.of(Map.of("oid", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "size", 1234L),
                        Map.of("oid", "ab".repeat(32), "size", 0L))), JsonDocs.parse(body));
    }
}
