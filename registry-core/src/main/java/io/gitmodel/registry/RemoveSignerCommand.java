package io.gitmodel.registry;

import io.gitmodel.registry.errors.InvalidValueException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.internal.format.PrincipalsYaml;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stops trusting a principal: every key of theirs is marked revoked now. The keys stay listed, so
 * what they signed before still verifies (history is never invalidated by someone leaving);
 * anything they sign from now on does not count.
 */
public final class RemoveSignerCommand extends PolicyChangeCommand<RemoveSignerCommand> {
    private final String principal;

    RemoveSignerCommand(Registry registry, String principal) {
        super(registry);
        this.principal = new Principal(principal, List.of(), List.of()).name();
    }

    @Override
    Map<String, Object> change(Map<String, Object> doc, RegistryPolicy policy) throws RegistryException {
        Principal p = policy.principal(principal).orElseThrow(() -> new InvalidValueException("registry.yaml names no principal "
                + principal + "; principals: " + String.join(", ", policy.principals().stream().map(Principal::name).toList())));
        if (p.keys().stream().allMatch(k -> k.revoked() != null)) {
            throw new InvalidValueException(principal + " has no trusted key left to revoke");
        }
        // git dates have whole seconds: a signature made in the second of the removal, before it, still counts
        Instant clock = registry.store().now();
        Instant now = clock.getNano() == 0 ? clock : clock.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(1);
        List<Principal> principals = new ArrayList<>();
        for (Principal q : policy.principals()) {
            principals.add(!q.name().equals(principal) ? q : new Principal(q.name(), q.roles(),
                    q.keys().stream().map(k -> k.revoked() == null ? k.revokedAt(now) : k).toList()));
        }
        return PrincipalsYaml.write(doc, principals);
    }

    @Override
    String subject() {
        return "Remove signer " + principal;
    }
}
