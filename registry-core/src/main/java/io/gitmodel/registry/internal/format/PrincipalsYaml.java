package io.gitmodel.registry.internal.format;

import io.gitmodel.registry.Principal;
import io.gitmodel.registry.SigningKey;
import io.gitmodel.registry.errors.CorruptMetadataException;
import io.gitmodel.registry.internal.sign.SigningKeys;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The team part of registry.yaml:
 * <pre>
 * principals:
 *   ada@example.com:
 *     roles: [admin, ml-lead]
 *     keys:
 *       - ssh-ed25519 AAAAC3Nza… ada@laptop          # an SSH public key line
 *       - key: ssh-ed25519 AAAAC3Nzb…                 # a key no longer trusted after a time
 *         revoked: 2026-11-01T00:00:00Z
 *       - key: |                                       # an armoured OpenPGP public key
 *           -----BEGIN PGP PUBLIC KEY BLOCK-----
 *           …
 *         fingerprint: 0123…CDEF
 * admins: [admin]                                      # roles or principals who may change registry.yaml
 * </pre>
 */
public final class PrincipalsYaml {
    static final String PRINCIPALS = "principals";
    static final String ADMINS = "admins";
    private static final String ROLES = "roles";
    private static final String KEYS = "keys";
    private static final String KEY = "key";
    private static final String REVOKED = "revoked";
    private static final String FINGERPRINT = "fingerprint";

    private PrincipalsYaml() {
    }

    /** The principals of registry.yaml, in the order written. */
    static List<Principal> read(Fields root, String file) throws CorruptMetadataException {
        List<Principal> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : root.map(PRINCIPALS).entrySet()) {
            String where = file + " (principal " + e.getKey() + ")";
            if (!(e.getValue() instanceof Map<?, ?>)) {
                throw new CorruptMetadataException(file, where + " must be a mapping with roles and keys");
            }
            @SuppressWarnings("unchecked")
            Fields f = new Fields((Map<String, Object>) e.getValue(), where);
            try {
                List<SigningKey> keys = new ArrayList<>();
                for (Object k : f.list(KEYS)) {
                    keys.add(key(k, where, file));
                }
                out.add(new Principal(e.getKey(), f.listOfStrings(ROLES), keys));
            } catch (IllegalArgumentException bad) {
                throw new CorruptMetadataException(file, where + ": " + bad.getMessage(), bad);
            }
        }
        return out;
    }

    private static SigningKey key(Object entry, String where, String file) throws CorruptMetadataException {
        if (entry instanceof String text) {
            return SigningKeys.parse(text, null, null);
        }
        if (!(entry instanceof Map<?, ?>)) {
            throw new CorruptMetadataException(file, where + ": a key is a string (the public key) or a mapping with key,"
                    + " revoked and fingerprint");
        }
        @SuppressWarnings("unchecked")
        Fields k = new Fields((Map<String, Object>) entry, where);
        Instant revoked = null;
        String when = k.nullableString(REVOKED);
        if (when != null) {
            try {
                revoked = Instant.parse(when);
            } catch (DateTimeParseException e) {
                throw new CorruptMetadataException(file, where + ": revoked \"" + when + "\" is not an ISO-8601 UTC instant");
            }
        }
        return SigningKeys.parse(k.requiredString(KEY), k.nullableString(FINGERPRINT), revoked);
    }

    /** The registry.yaml document with these principals written in (other keys kept as they are). */
    public static Map<String, Object> write(Map<String, Object> doc, List<Principal> principals) {
        Map<String, Object> out = new LinkedHashMap<>(doc);
        Map<String, Object> all = new LinkedHashMap<>();
        for (Principal p : principals) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put(ROLES, new ArrayList<>(p.roles()));
            List<Object> keys = new ArrayList<>();
            for (SigningKey k : p.keys()) {
                if (k.format().equals(SigningKey.SSH) && k.revoked() == null) {
                    keys.add(k.publicKey());
                } else {
                    Map<String, Object> key = new LinkedHashMap<>();
                    key.put(KEY, k.publicKey());
                    if (k.format().equals(SigningKey.OPENPGP)) {
                        key.put(FINGERPRINT, k.fingerprint());
                    }
                    if (k.revoked() != null) {
                        key.put(REVOKED, k.revoked().toString());
                    }
                    keys.add(key);
                }
            }
            body.put(KEYS, keys);
            all.put(p.name(), body);
        }
        out.put(PRINCIPALS, all);
        return out;
    }
}
