package io.gitmodel.registry;

import io.gitmodel.registry.errors.ConcurrentUpdateException;
import io.gitmodel.registry.errors.InvalidValueException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.SigningException;
import io.gitmodel.registry.errors.StageNotFoundException;
import io.gitmodel.registry.errors.StageRuleViolationException;
import io.gitmodel.registry.internal.config.GitConfigLoader;
import io.gitmodel.registry.internal.config.IdentityResolver;
import io.gitmodel.registry.internal.sign.CommitSigner;
import io.gitmodel.registry.internal.sign.SigningSetup;
import io.gitmodel.registry.internal.stage.StageFile;
import io.gitmodel.registry.internal.stage.StageMessage;
import io.gitmodel.registry.internal.stage.StageReader;
import io.gitmodel.registry.internal.stage.StageWriter;
import io.gitmodel.registry.internal.store.VersionPublisher;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Base of the commands that change a stage: each makes ONE commit on
 * {@code refs/heads/stages/<stage>}, signed as git would sign it, with a required reason, and
 * publishes it by compare-and-swap. If another writer changed the stage meanwhile, the change
 * is planned again on the new state (rules re-checked), so concurrent changes are never
 * overwritten: both end up in the history, or this one fails with a clear error.
 *
 * @param <C> the concrete command, so setters return it
 */
public abstract class StageChangeCommand<C extends StageChangeCommand<C>> extends RegistryCommand<StageChange> {
    final Registry registry;
    final String stage;
    private String reason;
    private String signingKey;
    private final List<String> approvedBy = new ArrayList<>();

    StageChangeCommand(Registry registry, String stage) {
        this.registry = registry;
        this.stage = Objects.requireNonNull(stage, "stage");
        new ModelRef.Stage(stage, null); // validates the stage name syntax
    }

    /** Why the change is made; required, recorded in the commit and shown in history. */
    public C reason(String reason) {
        if (reason == null) {
            throw new InvalidValueException("a reason is required for every stage change (-m <reason>)");
        }
        this.reason = MetadataRules.checkText("reason", reason);
        return self();
    }

    /** Signs with this key (SSH key file or OpenPGP key id) instead of git's {@code user.signingKey}. */
    public C signingKey(String key) {
        this.signingKey = key;
        return self();
    }

    /** Records an approval ({@code Name <email>}) in the commit's {@code Approved-by} trailers. */
    public C approvedBy(String approver) {
        Objects.requireNonNull(approver, "approver");
        if (approver.isBlank() || approver.indexOf('\n') >= 0 || approver.indexOf('\r') >= 0) {
            throw new InvalidValueException("approver \"" + ModelName.printable(approver)
                    + "\" is invalid: one line, e.g. Bo Reviewer <bo@example.com>");
        }
        approvedBy.add(MetadataRules.checkText("approver", approver.strip()));
        return self();
    }

    @SuppressWarnings("unchecked")
    private C self() {
        return (C) this;
    }

    /** The files and message of a planned change. */
    record Plan(Map<String, String> files, StageMessage message) {
    }

    /** What a planner sees: the stage's rules and state, and who acts when. */
    record Context(RegistryPolicy policy, StageRules rules, ObjectId head, Person who, Instant at, String reason,
            List<String> approvedBy) {
        StageFile file(ModelName model, List<Integer> versions, String action) {
            return new StageFile(model, rules.name(), versions, action, reason, who.toString(), at.toString());
        }
    }

    /** Plans the change on the given state; throws when the rules forbid it. */
    abstract Plan plan(Context context) throws RegistryException;

    @Override
    public final StageChange call() throws RegistryException {
        checkCallable();
        if (reason == null || reason.isBlank()) {
            throw new InvalidValueException("a reason is required for every stage change (-m <reason>)");
        }
        RegistryPolicy policy = registry.policy();
        StageRules rules = policy.stage(stage).orElseThrow(() -> new StageNotFoundException(stage, "stage '" + stage
                + "' is not declared in registry.yaml; stages: " + String.join(", ", policy.stageNames())));
        Config gitConfig = registry.gitConfig();
        RegistryConfig config = registry.config();
        Person who = IdentityResolver.resolve(config.identity(), config.environment(), gitConfig);
        CommitSigner signer = signer(rules, gitConfig);
        StageReader reader = registry.stages();
        StageWriter writer = new StageWriter(registry.repository());
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            ObjectId tip = writer.stageTip();
            ObjectId head = reader.head(stage);
            Instant at = VersionPublisher.now(config.clock());
            Plan plan = plan(new Context(policy, rules, head, who, at, reason, approvedBy));
            PersonIdent ident = new PersonIdent(who.name(), who.email(), at, ZoneOffset.UTC);
            ObjectId commit = writer.write(stage, head, tip, plan.files(), plan.message().format(), ident, signer);
            if (commit != null) {
                io.gitmodel.registry.internal.store.Housekeeping.afterWrite(registry.repository());
                return result(commit.name(), plan, who, at);
            }
            try {
                Thread.sleep(ThreadLocalRandom.current().nextLong(1, Math.min(100, 4L << Math.min(attempt, 5))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new ConcurrentUpdateException(StageReader.branchRef(stage), null, null, "stage " + stage
                + " kept changing under this change; try again");
    }

    private StageChange result(String commit, Plan plan, Person who, Instant at) throws RegistryException {
        SignatureCheck signature = registry.signatureChecker().check(commit);
        List<ModelEvent> events = new ArrayList<>();
        StageMessage m = plan.message();
        for (StageMessage.Entry e : m.entries()) {
            events.add(new ModelEvent(m.action(), ModelName.of(e.model()), e.version() > 0 ? e.version() : e.previousVersion(),
                    stage, e.previousVersion(), m.reason(), m.approvedBy(), who, at, commit, signature, List.of()));
        }
        return new StageChange(stage, commit, events);
    }

    private CommitSigner signer(StageRules rules, Config gitConfig) throws RegistryException {
        Optional<CommitSigner> signer = SigningSetup.signer(registry.repository(), gitConfig, registry.config().environment(),
                new GitConfigLoader(registry.config().environment()).home(), signingKey);
        if (signer.isEmpty() && rules.signed()) {
            throw new SigningException("stage " + stage + " requires signed commits and no signing key is configured: "
                    + SigningSetup.HOW_TO);
        }
        return signer.orElse(null);
    }

    /** A message with one entry per model. */
    static StageMessage message(String action, Context c, List<StageMessage.Entry> entries) {
        return new StageMessage(action, c.rules().name(), entries, c.reason(), c.approvedBy());
    }

    /** Files map preserving insertion order. */
    static Map<String, String> files() {
        return new LinkedHashMap<>();
    }

    /** Refuses a version that is archived, unless the change is to the archive itself. */
    void checkNotArchived(Context c, ModelVersion v) throws RegistryException {
        if (c.rules().name().equals(RegistryPolicy.ARCHIVED) || c.policy().stage(RegistryPolicy.ARCHIVED).isEmpty()) {
            return;
        }
        Optional<StageFile> archived = registry.stages().current(RegistryPolicy.ARCHIVED, v.name());
        if (archived.isPresent() && archived.get().versions().contains(v.version())) {
            throw new StageRuleViolationException(stage, "archived", v.ref() + " is archived; restore it first with:"
                    + " git-model restore " + v.ref() + " -m <reason>");
        }
    }

    /** Checks the stage's entry rules (required prior stage, gates) for a version. */
    void checkEntryRules(Context c, ModelVersion v) throws RegistryException {
        StageRules rules = c.rules();
        if (rules.approvals() > 0) {
            // Approvals must be verifiable signatures of reviewers (promotion requests), not names typed
            // by the promoter, so a stage that needs them cannot be entered by a direct promotion.
            throw new StageRuleViolationException(stage, "approvals: " + rules.approvals(), stage + " requires "
                    + rules.approvals() + " approval(s) by allowed signers; direct promotion is refused. Promotion requests"
                    + " (git-model request/approve/merge) carry verifiable approvals; until then set approvals: 0 in registry.yaml");
        }
        if (rules.requires() != null && !registry.stages().everHeld(rules.requires(), v.name(), v.version())) {
            throw new StageRuleViolationException(stage, "requires: " + rules.requires(), v.ref() + " cannot enter " + stage
                    + ": it must have been in " + rules.requires() + " first (git-model promote " + v.ref() + " "
                    + rules.requires() + " -m <reason>)");
        }
        for (String g : rules.gates()) {
            Optional<String> failure = io.gitmodel.registry.internal.stage.Gate.parse(g).check(v);
            if (failure.isPresent()) {
                throw new StageRuleViolationException(stage, g, v.ref() + " cannot enter " + stage + ": " + failure.get());
            }
        }
    }
}
