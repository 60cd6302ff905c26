/**
 * A static HTML catalog of a registry: pages written from the public API of
 * {@code io.gitmodel.registry} with templates compiled at build time; no server, no JavaScript.
 */
module io.gitmodel.site {
    requires transitive io.gitmodel.registry;
    requires gg.jte.runtime;
    requires org.commonmark;
    requires org.slf4j;
    // the compiled templates carry @javax.annotation.processing.Generated (source retention)
    requires static java.compiler;

    exports io.gitmodel.site;

    // the compiled templates are loaded by name by jte's runtime
    opens io.gitmodel.site.templates to gg.jte.runtime;
}
