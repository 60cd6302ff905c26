/**
 * git-model: a model registry whose whole state is an ordinary Git repository.
 *
 * <p>The API is {@code io.gitmodel.registry} (the {@link io.gitmodel.registry.Registry} facade,
 * its commands and value types) and {@code io.gitmodel.registry.errors} (the exceptions).
 * Everything under {@code io.gitmodel.registry.internal} is implementation: it is not exported,
 * so code outside this module cannot compile against it, and it may change in any release.
 */
module io.gitmodel.registry {
    exports io.gitmodel.registry;
    exports io.gitmodel.registry.errors;

    // Registry.wrap takes a JGit Repository: callers that use it need JGit too
    requires transitive org.eclipse.jgit;
    // SSH commit signing and verification; JGit finds it through the service loader
    requires org.eclipse.jgit.ssh.apache;
    requires com.fasterxml.jackson.core;
    requires org.bouncycastle.pg;
    requires org.bouncycastle.provider;
    requires org.snakeyaml.engine.v2;
    requires org.slf4j;
}
