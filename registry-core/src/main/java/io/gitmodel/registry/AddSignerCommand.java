package io.gitmodel.registry;

import io.gitmodel.registry.errors.InvalidValueException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import io.gitmodel.registry.internal.format.PrincipalsYaml;
import io.gitmodel.registry.internal.sign.SigningKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Adds a principal (or a key or roles to one already named) to registry.yaml: the key in a
 * public key file (an SSH {@code .pub} file, or an armoured OpenPGP public key from
 * {@code gpg --armor --export}), and its roles.
 */
public final class AddSignerCommand extends PolicyChangeCommand<AddSignerCommand> {
    private final String principal;
    private final Path publicKeyFile;
    private final Set<String> roles = new LinkedHashSet<>();

    AddSignerCommand(Registry registry, String principal, Path publicKeyFile) {
        super(registry);
        this.principal = new Principal(principal, List.of(), List.of()).name();
        this.publicKeyFile = Objects.requireNonNull(publicKeyFile, "publicKeyFile");
    }

    /** Gives the principal a role, e.g. {@code admin}, {@code ml-lead}, {@code risk} (repeatable). */
    public AddSignerCommand role(String role) {
        roles.add(Principal.checkRole(role));
        return this;
    }

    @Override
    Map<String, Object> change(Map<String, Object> doc, RegistryPolicy policy) throws RegistryException {
        SigningKey key;
        try {
            key = SigningKeys.parse(Files.readString(publicKeyFile), null, null);
        } catch (IOException e) {
            throw new RegistryIOException("cannot read the public key file " + publicKeyFile, e);
        } catch (InvalidValueException e) {
            throw new InvalidValueException(publicKeyFile + ": " + e.getMessage());
        }
        for (Principal other : policy.principals()) {
            if (!other.name().equals(principal) && other.keys().stream().anyMatch(k -> k.fingerprint().equals(key.fingerprint()))) {
                throw new InvalidValueException("the key in " + publicKeyFile + " (" + key.fingerprint() + ") already belongs to "
                        + other.name() + "; one key names one principal");
            }
        }
        List<Principal> principals = new ArrayList<>();
        boolean found = false;
        for (Principal p : policy.principals()) {
            if (p.name().equals(principal)) {
                found = true;
                Set<String> allRoles = new LinkedHashSet<>(p.roles());
                allRoles.addAll(roles);
                List<SigningKey> keys = new ArrayList<>(p.keys());
                if (keys.stream().noneMatch(k -> k.fingerprint().equals(key.fingerprint()) && k.revoked() == null)) {
                    keys.add(key);
                }
                principals.add(new Principal(p.name(), List.copyOf(allRoles), keys));
            } else {
                principals.add(p);
            }
        }
        if (!found) {
            principals.add(new Principal(principal, List.copyOf(roles), List.of(key)));
        }
        return PrincipalsYaml.write(doc, principals);
    }

    @Override
    String subject() {
        return "Add signer " + principal + (roles.isEmpty() ? "" : " (" + String.join(", ", roles) + ")");
    }
}
