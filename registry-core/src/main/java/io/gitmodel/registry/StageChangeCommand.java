package io.gitmodel.registry;

import io.gitmodel.registry.errors.ConcurrentUpdateException;
import io.gitmodel.registry.errors.InvalidValueException;
import io.gitmodel.registry.errors.NotAllowedException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RequestExistsException;
import io.gitmodel.registry.internal.config.IdentityResolver;
import io.gitmodel.registry.internal.policy.ModelCards;
import io.gitmodel.registry.internal.policy.PolicyEvaluator;
import io.gitmodel.registry.internal.policy.Rule;
import io.gitmodel.registry.internal.policy.Violation;
import io.gitmodel.registry.internal.policy.StageChangeRequest;
import io.gitmodel.registry.internal.policy.StageChangeRequest.Subject;
import io.gitmodel.registry.internal.policy.Transitions;
import io.gitmodel.registry.internal.policy.Violations;
import io.gitmodel.registry.internal.sign.CommitSigner;
import io.gitmodel.registry.internal.sign.CommitVerifier;
import io.gitmodel.registry.internal.sign.SigningSetup;
import io.gitmodel.registry.internal.stage.StageFile;
import io.gitmodel.registry.internal.stage.StageMessage;
import io.gitmodel.registry.internal.stage.StageReader;
import io.gitmodel.registry.internal.stage.StageWriter;
import io.gitmodel.registry.internal.store.AtomicRefUpdate;
import io.gitmodel.registry.internal.store.Refs;
import io.gitmodel.registry.internal.store.RegistryStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Base of the commands that change a stage: each makes ONE commit on
 * {@code refs/heads/stages/<stage>}, signed as git would sign it, with a required reason, and
 * publishes it by compare-and-swap. Each command only plans its change; the registry's rules
 * are checked in one place ({@code PolicyEvaluator}) before anything is written. If another
 * writer changed the stage meanwhile, the change is planned and checked again on the new state,
 * so concurrent changes are never overwritten: both end up in the history, or this one fails
 * with a clear error.
 *
 * @param <C> the concrete command, so setters return it
 */
public abstract class StageChangeCommand<C extends StageChangeCommand<C>> extends RegistryCommand<StageChange> {
    final Registry registry;
    final StageName stage;
    private final EventAction action;
    private String reason;
    private String signingKey;
    private final List<String> approvedBy = new ArrayList<>();
    private Requesting requesting;

    StageChangeCommand(Registry registry, StageName stage, EventAction action) {
        this.registry = registry;
        this.stage = Objects.requireNonNull(stage, "stage");
        this.action = action;
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

    /** One model's part in a planned change: what the stage holds of it afterwards, and its trailers. */
    record Move(ModelName model, List<Integer> after, StageMessage.Entry entry) {
    }

    /** A planned change: what the rules judge, and what is written. */
    record Plan(StageChangeRequest request, List<Move> moves) {
    }

    /** What a planner sees: the stage's rules, the stage branch head it plans on, and who signs. */
    record Context(StageRules rules, ObjectId head, StageReader stages, boolean signed) {
        /** What the stage holds of a model at the head the change is planned on. */
        List<Integer> held(ModelName model) throws RegistryException {
            return stages.readAt(head, rules.name(), model).map(StageFile::versions).orElse(List.of());
        }
    }

    /** What the change does. */
    final EventAction action() {
        return action;
    }

    /** What the change is about, as the user named it, for messages that say what to run. */
    String subject() {
        return "<ref>";
    }

    /** Plans the change on the given state; throws when the versions it names cannot be found. */
    abstract Plan plan(Context context) throws RegistryException;

    /** A plan for one model: the stage afterwards follows from the action ({@link Transitions}). */
    final Plan planOne(Context c, Subject subject, List<Integer> before, int version, int previousVersion) {
        List<Integer> after = Transitions.after(action, c.rules().multiValued(), before, subject.version());
        return new Plan(new StageChangeRequest(action, stage, List.of(subject), c.signed()),
                List.of(new Move(subject.model(), after, new StageMessage.Entry(subject.model(), version, previousVersion))));
    }

    @Override
    public final StageChange call() throws RegistryException {
        checkCallable();
        if (reason == null || reason.isBlank()) {
            throw new InvalidValueException("a reason is required for every stage change (-m <reason>)");
        }
        RegistryStore store = registry.store();
        PolicyEvaluator rules = new PolicyEvaluator(store.policy(), modelCards(store));
        Violations.throwFirst(rules.checkStage(action, stage, true, subject()), SigningSetup.HOW_TO);
        StageRules stageRules = rules.policy().stage(stage).orElseThrow();
        Config gitConfig = store.gitConfig();
        RegistryConfig config = store.config();
        Person who = IdentityResolver.resolve(config.identity(), config.environment(), gitConfig);
        Optional<CommitSigner> signer = SigningSetup.signer(store.repository(), gitConfig, config.environment(), store.home(),
                signingKey);
        Violations.throwFirst(rules.checkStage(action, stage, signer.isPresent(), subject()), SigningSetup.HOW_TO);
        StageReader stages = registry.queries().stages();
        StageWriter writer = new StageWriter(store);
        AtomicRefUpdate.Outcome lost = null;
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            ObjectId tip = writer.stageTip();
            ObjectId head = stages.head(stage);
            Instant at = store.now();
            if (requesting != null && head == null) {
                // a request is merged into the stage branch, so the branch must exist: open it with an empty commit
                StageWriter.Written opened = writer.write(stage, null, tip, Map.of(), "open stage " + stage + "\n\nOpens-Stage: "
                        + stage + "\n", RegistryStore.ident(who, at), signer.orElse(null),
                        commit -> authorise(rules.policy(), stageRules, commit));
                if (!opened.published()) {
                    lost = opened.outcome();
                    if (!backOff(attempt)) {
                        break;
                    }
                }
                continue;
            }
            Plan plan = plan(new Context(stageRules, head, stages, signer.isPresent()));
            List<Violation> violations = rules.check(plan.request(), stages);
            if (requesting != null) {
                // what a request lacks, approvals, is what it asks for
                violations = violations.stream().filter(v -> v.rule() != Rule.APPROVALS).toList();
            }
            Violations.throwFirst(violations, SigningSetup.HOW_TO);
            StageMessage message = new StageMessage(action, stage, plan.moves().stream().map(Move::entry).toList(), reason,
                    approvedBy);
            StageWriter.Written written = requesting != null
                    ? writeRequest(writer, plan, head, message, RegistryStore.ident(who, at), signer.orElse(null), rules.policy(),
                            stageRules)
                    : writer.write(stage, head, tip, files(plan, stageRules, who, at), message.format(),
                            RegistryStore.ident(who, at), signer.orElse(null),
                            commit -> authorise(rules.policy(), stageRules, commit));
            if (written.published()) {
                store.afterStageWrite();
                return result(written.commit().name(), message, who, at);
            }
            lost = written.outcome();
            if (!backOff(attempt)) {
                break;
            }
        }
        String ref = lost == null ? StageReader.branchRef(stage) : lost.failedRef();
        throw new ConcurrentUpdateException(ref, lost == null ? null : lost.expected(), lost == null ? null : lost.actualName(),
                "stage " + stage + " kept changing under this change (" + ref + " moved " + config.maxAttempts()
                        + " times); nothing was changed by it, try again");
    }

    /** Makes the change a promotion request: committed on its request branch, the stage unchanged. */
    final C toRequest(boolean replace) {
        this.requesting = new Requesting(replace);
        return self();
    }

    /** How a change is made as a request: whether an open request of the same version replaces the old one. */
    private record Requesting(boolean replace) {
    }

    private StageWriter.Written writeRequest(StageWriter writer, Plan plan, ObjectId head, StageMessage message,
            org.eclipse.jgit.lib.PersonIdent ident, CommitSigner signer, RegistryPolicy policy, StageRules stageRules)
            throws RegistryException {
        Move move = plan.moves().get(0);
        RequestName name = RequestName.of(move.model(), move.entry().version(), stage);
        org.eclipse.jgit.lib.Repository repo = registry.store().repository();
        ObjectId existing = Refs.get(repo, name.ref());
        if (existing != null && !requesting.replace() && !merged(repo, existing, head)) {
            throw new RequestExistsException(name.toString(), "request " + name + " exists already (commit " + existing.abbreviate(12).name()
                    + "); to make it again on the stage as it is now, dropping its approvals, add --replace. Nothing was changed");
        }
        Person who = new Person(ident.getName(), ident.getEmailAddress());
        return writer.writeRequest(stage, head, name.ref(), existing, files(plan, stageRules, who, ident.getWhenAsInstant()),
                message.format(), ident, signer, commit -> authorise(policy, stageRules, commit));
    }

    private static boolean merged(org.eclipse.jgit.lib.Repository repo, ObjectId request, ObjectId head) throws RegistryException {
        try {
            return head != null && Refs.isAncestor(repo, request, head);
        } catch (java.io.IOException e) {
            throw new io.gitmodel.registry.errors.RegistryIOException("cannot read request " + request.name(), e);
        }
    }

    /**
     * Once registry.yaml names the team, a signed stage must be changed by one of its signers: the
     * written commit is verified as {@code verify} will verify it, before anyone sees it.
     */
    private void authorise(RegistryPolicy policy, StageRules stageRules, org.eclipse.jgit.revwalk.RevCommit commit)
            throws RegistryException {
        if (!policy.declaresPrincipals() || !stageRules.signed()) {
            return;
        }
        CommitVerifier.Verified v = registry.store().verifier(policy).verify(commit);
        if (!v.trusted() || v.principal() == null) {
            throw new NotAllowedException(v.identity(), "principals", "stage " + stage + " takes changes signed by a principal"
                    + " of registry.yaml; this one is " + v.check().summary() + " (" + v.check().detail() + "). Ask an admin"
                    + " to add your key: git-model signers add <you> <public-key-file>. Nothing was changed");
        }
        if (!policy.maySign(v.principal(), stageRules)) {
            throw new NotAllowedException(v.principal().name(), "stages." + stage + ".signers", v.principal().name() + " may not"
                    + " change stage " + stage + "; its signers are " + String.join(", ", stageRules.signers())
                    + ". Nothing was changed");
        }
    }

    /** For gates that name {@code model_card}: whether the version's commit has {@code models/<name>/README.md}. */
    private static ModelCards modelCards(RegistryStore store) {
        return store.reader()::hasModelCard;
    }

    /** The stage files the change writes: one per model, removed when the stage holds nothing of it. */
    private Map<String, String> files(Plan plan, StageRules rules, Person who, Instant at) {
        Map<String, String> files = new LinkedHashMap<>();
        for (Move m : plan.moves()) {
            StageFile file = new StageFile(m.model(), stage, m.after(), action.word(), reason, who.toString(), at.toString());
            files.put(file.fileName(), m.after().isEmpty() ? null : file.write(rules.multiValued()));
        }
        return files;
    }

    private StageChange result(String commit, StageMessage m, Person who, Instant at) throws RegistryException {
        SignatureCheck signature = registry.queries().signature(commit);
        List<ModelEvent> events = new ArrayList<>();
        for (StageMessage.Entry e : m.entries()) {
            events.add(new ModelEvent(action, e.model(), e.subject(), stage, e.previousVersion(), m.reason(), m.approvedBy(), who,
                    at, commit, signature, List.of()));
        }
        return new StageChange(stage, commit, events);
    }

    /** Waits a little before the next attempt; false if interrupted. */
    private static boolean backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, Math.min(100, 4L << Math.min(attempt, 5))));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
