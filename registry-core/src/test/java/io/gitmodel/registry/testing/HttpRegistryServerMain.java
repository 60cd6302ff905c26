package io.gitmodel.registry.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs {@link HttpRegistryServer} as a process, for benchmarks and trying things by hand:
 * {@code HttpRegistryServerMain <baseDir> <urlFile>} serves every bare repository under
 * {@code baseDir} on 127.0.0.1, writes its base URL to {@code urlFile}, and stops when its
 * standard input closes.
 */
public final class HttpRegistryServerMain {
    private HttpRegistryServerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: HttpRegistryServerMain <baseDir> <urlFile>");
            System.exit(2);
        }
        try (HttpRegistryServer server = new HttpRegistryServer(Path.of(args[0]))) {
            Path urlFile = Path.of(args[1]);
            Path tmp = urlFile.resolveSibling(urlFile.getFileName() + ".tmp");
            Files.writeString(tmp, server.baseUrl() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, urlFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }
}
