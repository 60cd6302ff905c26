import io.gitmodel.registry.ModelName;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Person;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.RegistryConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.internal.storage.file.PackInserter;
import org.eclipse.jgit.lib.BatchRefUpdate;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.ReceiveCommand;

/**
 * Builds a large format-1 registry quickly, for the scale benchmarks: M models of N versions each
 * (registered round-robin, v1 of every model, then v2, ...), then E stage changes through the
 * library (each version promoted to staging, then production, model by model). The versions are
 * written as the library writes them (model.yaml from {@link ModelVersion#toYaml()}, one LFS pointer
 * to one shared artifact stored through the library, registration commit and annotated tag) into
 * one pack, and all refs move in one batch at the end (packed-refs written once), which is what
 * makes 100,000 versions take minutes instead of hours. `git-model verify` accepts the result.
 *
 * Usage (class path: registry-cli/target/git-model.jar):
 *   java -cp registry-cli/target/git-model.jar bench/GenerateRegistry.java <dir> [models=1000] [versions=100] [events=0]
 */
public final class GenerateRegistry {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int models = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int versions = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int events = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        RegistryConfig config = RegistryConfig.builder().captureSource(false).identity(new Person("Bench", "bench@example.com")).build();
        long t0 = System.nanoTime();
        ModelVersion template;
        Path artifact = Files.createTempFile("generate", ".bin");
        Files.writeString(artifact, "weights of a generated model\n");
        try (Registry r = Registry.init(dir).bare(true).signed(false).config(config).call()) {
            // one real registration stores the shared artifact and gives the shape of every model.yaml
            template = r.register("seed").artifact("model.bin", artifact).metric("auc", 0.5).param("lr", 0.01).call();
        }
        Files.delete(artifact);
        String pointer = "version https://git-lfs.github.com/spec/v1\noid " + template.artifacts().get(0).oid().prefixed() + "\nsize "
                + template.artifacts().get(0).size() + "\n";
        try (Repository repo = new FileRepository(dir.toFile());
                // straight into one pack: hundreds of thousands of loose objects would take most of the time and disk
                PackInserter ins = ((ObjectDirectory) repo.getObjectDatabase()).newPackInserter();
                RevWalk walk = new RevWalk(repo)) {
            ins.checkExisting(false);
            ObjectId head = repo.exactRef("refs/heads/main").getObjectId();
            DirCache index = DirCache.read(repo.newObjectReader(), walk.parseCommit(head).getTree());
            ObjectId pointerBlob = ins.insert(Constants.OBJ_BLOB, pointer.getBytes(StandardCharsets.UTF_8));
            Map<String, ObjectId> tags = new TreeMap<>();
            Instant start = Instant.now().minusSeconds((long) models * versions);
            long n = 0;
            for (int v = 1; v <= versions; v++) {
                for (int m = 0; m < models; m++) {
                    ModelName name = ModelName.of("model-" + m);
                    Instant at = start.plusSeconds(n++);
                    ModelVersion version = new ModelVersion(name, v, template.commit(), "", at, template.createdBy(),
                            Map.of("auc", 0.5 + (m % 50) / 100.0 + v / 1000.0, "loss", 1.0 / (v + m % 7)),
                            Map.of("lr", 0.01 * (1 + m % 5), "epochs", (long) (10 + v % 20)),
                            Map.of("team", m % 2 == 0 ? "risk" : "growth"), template.lineage(), template.artifacts(), Map.of());
                    DirCacheEditor edit = index.editor();
                    edit.add(file("models/" + name + "/model.yaml", ins.insert(Constants.OBJ_BLOB,
                            version.toYaml().getBytes(StandardCharsets.UTF_8))));
                    edit.add(file("models/" + name + "/artifacts/model.bin", pointerBlob));
                    edit.finish();
                    PersonIdent ident = new PersonIdent("Bench", "bench@example.com", at, ZoneOffset.UTC);
                    CommitBuilder c = new CommitBuilder();
                    c.setTreeId(index.writeTree(ins));
                    c.setParentId(head);
                    c.setAuthor(ident);
                    c.setCommitter(ident);
                    c.setEncoding(StandardCharsets.UTF_8);
                    c.setMessage("Register " + name + "@v" + v + "\n\nModel: " + name + "\nVersion: " + v + "\n");
                    head = ins.insert(c);
                    TagBuilder t = new TagBuilder();
                    t.setObjectId(head, Constants.OBJ_COMMIT);
                    t.setTag(name + "@v" + v);
                    t.setTagger(ident);
                    t.setMessage(name + "@v" + v + "\n");
                    tags.put(name + "@v" + v, ins.insert(t));
                }
            }
            ins.flush();
            BatchRefUpdate batch = repo.getRefDatabase().newBatchUpdate().setAtomic(true);
            batch.addCommand(new ReceiveCommand(repo.exactRef("refs/heads/main").getObjectId(), head, "refs/heads/main"));
            tags.forEach((tag, id) -> batch.addCommand(new ReceiveCommand(ObjectId.zeroId(), id, Constants.R_TAGS + tag)));
            batch.execute(walk, NullProgressMonitor.INSTANCE);
            for (ReceiveCommand cmd : batch.getCommands()) {
                if (cmd.getResult() != ReceiveCommand.Result.OK) {
                    throw new IllegalStateException(cmd.getRefName() + ": " + cmd.getResult());
                }
            }
        }
        System.out.printf("%d versions of %d models in %.1f s%n", (long) models * versions, models, (System.nanoTime() - t0) / 1e9);
        long t1 = System.nanoTime();
        try (Registry r = Registry.open(dir, config)) {
            for (int e = 0; e < events / 2; e++) {
                String ref = "model-" + (e % models) + "@v" + (1 + (e / models) % versions);
                r.promote(ref, "staging").reason("generated").call();
                r.promote(ref, "production").reason("generated").call();
            }
        }
        System.out.printf("%d stage changes in %.1f s%n", events / 2 * 2, (System.nanoTime() - t1) / 1e9);
    }

    private static DirCacheEditor.PathEdit file(String path, ObjectId blob) {
        return new DirCacheEditor.PathEdit(path) {
            @Override
            public void apply(DirCacheEntry ent) {
                ent.setFileMode(FileMode.REGULAR_FILE);
                ent.setObjectId(blob);
            }
        };
    }
}
