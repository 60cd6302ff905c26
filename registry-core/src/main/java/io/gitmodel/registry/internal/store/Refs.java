package io.gitmodel.registry.internal.store;

import io.gitmodel.registry.errors.RegistryIOException;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/** Reading refs with the errors turned into registry exceptions that name the ref. */
public final class Refs {
    private Refs() {
    }

    /** The object a ref points at, or null if it does not exist. */
    public static ObjectId get(Repository repo, String name) throws RegistryIOException {
        try {
            Ref r = repo.exactRef(name);
            return r == null ? null : r.getObjectId();
        } catch (IOException e) {
            throw new RegistryIOException("cannot read " + name + " in " + repo.getDirectory(), e);
        }
    }

    /** The refs under {@code prefix}, by their name after the prefix, sorted. */
    public static Map<String, ObjectId> under(Repository repo, String prefix) throws RegistryIOException {
        Map<String, ObjectId> out = new TreeMap<>();
        try {
            for (Ref r : repo.getRefDatabase().getRefsByPrefix(prefix)) {
                out.put(r.getName().substring(prefix.length()), r.getObjectId());
            }
        } catch (IOException e) {
            throw new RegistryIOException("cannot list the refs under " + prefix + " in " + repo.getDirectory(), e);
        }
        return out;
    }

    /** Whether {@code ancestor} is reachable from {@code of}; a fresh walk each time (a first-parent walk cannot compute merge bases). */
    public static boolean isAncestor(Repository repo, ObjectId ancestor, ObjectId of) throws IOException {
        try (org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(repo)) {
            return walk.isMergedInto(walk.parseCommit(ancestor), walk.parseCommit(of));
        }
    }
}
