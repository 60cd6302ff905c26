/**
 * The {@code git-model} command line: a thin layer over the public API of
 * {@code io.gitmodel.registry}. Being a module of its own, it compiles against that API only.
 */
module io.gitmodel.cli {
    requires io.gitmodel.registry;
    requires io.gitmodel.site;
    requires info.picocli;
    requires com.fasterxml.jackson.core;
    requires org.apache.commons.csv;
    requires org.snakeyaml.engine.v2;
    requires org.slf4j;
    requires ch.qos.logback.classic;
    requires ch.qos.logback.core;

    // picocli fills the command classes' fields by reflection
    opens io.gitmodel.cli to info.picocli, org.slf4j;

    provides ch.qos.logback.classic.spi.Configurator with io.gitmodel.cli.LogSetup;
}
