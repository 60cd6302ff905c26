import io.gitmodel.registry.Person;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.RegistryConfig;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.BatchRefUpdate;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Benchmark: N small registrations (one model, artifact i.bin of the directory given), in one JVM.
 *   api  <registry> <artifacts> <n>   through the library (Registry.register), on a registry `init` made here
 *   jgit <registry> <artifacts> <n>   the same objects and refs with raw JGit calls: artifact stored under
 *                                     lfs/objects (temporary file, fsync, rename), model.yaml + pointer, one
 *                                     commit, one annotated tag, branch and tag moved in one atomic batch
 *   init <registry>                   only creates the (bare, unsigned) registry, for bench/git-cli-register
 * Prints the seconds the N registrations took. Run through bench/run (it builds the class path).
 */
public final class BulkRegisterBench {
    public static void main(String[] args) throws Exception {
        Path registry = Path.of(args[1]);
        RegistryConfig config = RegistryConfig.builder().captureSource(false)
                .identity(new Person("Bench", "bench@example.com")).build();
        try (Registry r = Registry.init(registry).bare(true).signed(false).config(config).call()) {
            if (args[0].equals("init")) {
                return;
            }
            Path artifacts = Path.of(args[2]);
            int n = Integer.parseInt(args[3]);
            long t0 = System.nanoTime();
            if (args[0].equals("api")) {
                for (int i = 1; i <= n; i++) {
                    r.register("fraud").artifact("model.bin", artifacts.resolve(i + ".bin")).metric("auc", 0.9).param("lr", 0.01).call();
                }
            } else {
                jgit(registry, artifacts, n);
            }
            System.out.printf("%.3f%n", (System.nanoTime() - t0) / 1e9);
        }
    }

    static void jgit(Path registry, Path artifacts, int n) throws Exception {
        try (Repository repo = new FileRepository(registry.toFile())) {
            Path lfs = registry.resolve("lfs");
            Files.createDirectories(lfs.resolve("tmp"));
            for (int i = 1; i <= n; i++) {
                byte[] bytes = Files.readAllBytes(artifacts.resolve(i + ".bin"));
                String oid = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
                Path target = lfs.resolve("objects").resolve(oid.substring(0, 2)).resolve(oid.substring(2, 4)).resolve(oid);
                if (!Files.exists(target)) {
                    Path tmp = Files.createTempFile(lfs.resolve("tmp"), "incoming-", ".tmp");
                    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                        ch.write(java.nio.ByteBuffer.wrap(bytes));
                        ch.force(true);
                    }
                    Files.createDirectories(target.getParent());
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                }
                Instant now = Instant.now();
                PersonIdent ident = new PersonIdent("Bench", "bench@example.com", now, ZoneOffset.UTC);
                String yaml = "name: fraud\nversion: " + i + "\ncreated: " + now + "\ncreated_by: Bench <bench@example.com>\n"
                        + "metrics:\n  auc: 0.9\nparams:\n  lr: 0.01\ntags: {}\nlineage:\n  datasets: []\n  parents: []\n"
                        + "  environment:\n    runtime: java\n    os: Linux\n    arch: amd64\n    libraries: {}\nartifacts:\n"
                        + "- path: model.bin\n  oid: sha256:" + oid + "\n  size: " + bytes.length + "\n"
                        + "  media_type: application/octet-stream\n";
                String pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:" + oid + "\nsize " + bytes.length + "\n";
                ObjectId head = repo.exactRef("refs/heads/main").getObjectId();
                try (ObjectInserter ins = repo.newObjectInserter(); RevWalk walk = new RevWalk(repo)) {
                    TreeFormatter artifactsTree = new TreeFormatter();
                    artifactsTree.append("model.bin", FileMode.REGULAR_FILE, ins.insert(Constants.OBJ_BLOB, pointer.getBytes(StandardCharsets.UTF_8)));
                    TreeFormatter model = new TreeFormatter();
                    model.append("artifacts", FileMode.TREE, ins.insert(artifactsTree));
                    model.append("model.yaml", FileMode.REGULAR_FILE, ins.insert(Constants.OBJ_BLOB, yaml.getBytes(StandardCharsets.UTF_8)));
                    TreeFormatter models = new TreeFormatter();
                    models.append("fraud", FileMode.TREE, ins.insert(model));
                    // the root: registry.yaml (and whatever else) of the parent, models/ replaced
                    TreeFormatter root = new TreeFormatter();
                    try (TreeWalk tw = new TreeWalk(repo)) {
                        tw.addTree(walk.parseCommit(head).getTree());
                        boolean added = false;
                        while (tw.next()) {
                            if (!added && tw.getNameString().compareTo("models") > 0) {
                                root.append("models", FileMode.TREE, ins.insert(models));
                                added = true;
                            }
                            if (!tw.getNameString().equals("models")) {
                                root.append(tw.getNameString(), tw.getFileMode(0), tw.getObjectId(0));
                            }
                        }
                        if (!added) {
                            root.append("models", FileMode.TREE, ins.insert(models));
                        }
                    }
                    CommitBuilder c = new CommitBuilder();
                    c.setTreeId(ins.insert(root));
                    c.setParentId(head);
                    c.setAuthor(ident);
                    c.setCommitter(ident);
                    c.setMessage("Register fraud@v" + i + "\n\nModel: fraud\nVersion: " + i + "\n");
                    ObjectId commit = ins.insert(c);
                    TagBuilder t = new TagBuilder();
                    t.setObjectId(commit, Constants.OBJ_COMMIT);
                    t.setTag("fraud@v" + i);
                    t.setTagger(ident);
                    t.setMessage("fraud@v" + i + "\n");
                    ObjectId tag = ins.insert(t);
                    ins.flush();
                    BatchRefUpdate batch = repo.getRefDatabase().newBatchUpdate().setAtomic(true);
                    batch.addCommand(new ReceiveCommand(head, commit, "refs/heads/main"));
                    batch.addCommand(new ReceiveCommand(ObjectId.zeroId(), tag, "refs/tags/fraud@v" + i));
                    batch.execute(walk, org.eclipse.jgit.lib.NullProgressMonitor.INSTANCE);
                    for (ReceiveCommand cmd : batch.getCommands()) {
                        if (cmd.getResult() != ReceiveCommand.Result.OK) {
                            throw new IllegalStateException(cmd.getRefName() + ": " + cmd.getResult());
                        }
                    }
                }
            }
        }
    }
}
