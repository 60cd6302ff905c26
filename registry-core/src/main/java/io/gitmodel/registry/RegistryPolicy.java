package io.gitmodel.registry;

import java.util.List;
import java.util.Optional;

/**
 * The rules in registry.yaml: the stages, who the team is, and who may do what.
 *
 * @param stages the declared stages, in declaration order
 * @param allowedSigners SSH principals, emails or key fingerprints allowed to sign stage commits
 *     when no {@code principals} are declared (verified with git's own signer configuration);
 *     empty means any signature that verifies
 * @param principals the people and machines who sign, with their roles and keys; when there are
 *     any, signatures are verified against these keys alone, from the repository
 * @param admins roles or principals who may change registry.yaml (default: the role {@code admin})
 */
public record RegistryPolicy(List<StageRules> stages, List<String> allowedSigners, List<Principal> principals,
        List<String> admins) {
    /** The stage every registry has for retired versions. */
    public static final StageName ARCHIVED = StageName.ARCHIVED;
    /** The role that may change registry.yaml unless {@code admins} says otherwise. */
    public static final String ADMIN = "admin";

    public RegistryPolicy {
        stages = List.copyOf(stages);
        allowedSigners = List.copyOf(allowedSigners);
        principals = List.copyOf(principals);
        admins = admins == null || admins.isEmpty() ? List.of(ADMIN) : List.copyOf(admins);
    }

    /** A policy without principals: signatures are checked with git's own configuration. */
    public RegistryPolicy(List<StageRules> stages, List<String> allowedSigners) {
        this(stages, allowedSigners, List.of(), List.of());
    }

    /** The rules of a declared stage. */
    public Optional<StageRules> stage(StageName name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The rules of a declared stage, by name. */
    public Optional<StageRules> stage(String name) {
        return stages.stream().filter(s -> s.name().value().equals(name)).findFirst();
    }

    /** Names of the declared stages, in order. */
    public List<StageName> stageNames() {
        return stages.stream().map(StageRules::name).toList();
    }

    /** Whether the team is declared in registry.yaml (principals with keys). */
    public boolean declaresPrincipals() {
        return !principals.isEmpty();
    }

    /** The principal with this name. */
    public Optional<Principal> principal(String name) {
        return principals.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Whether {@code principal} may sign changes of {@code stage}: it is named there, or no one is. */
    public boolean maySign(Principal principal, StageRules stage) {
        return stage.signers().isEmpty() || principal.isIn(stage.signers());
    }

    /** Whether {@code principal} may approve requests into {@code stage}. */
    public boolean mayApprove(Principal principal, StageRules stage) {
        return stage.approvers().isEmpty() || principal.isIn(stage.approvers());
    }

    /** Whether {@code principal} may change registry.yaml. */
    public boolean isAdmin(Principal principal) {
        return principal.isIn(admins);
    }
}
