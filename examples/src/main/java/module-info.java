/**
 * Programs that embed the git-model library, as a team would: training jobs that register what
 * they trained and a serving program that loads a version. A module of their own, so they use the
 * library's exported API only, and their tests run the library as a named module.
 */
module io.gitmodel.examples {
    requires io.gitmodel.registry;
    requires org.tribuo.core;
    requires org.tribuo.classification.core;
    requires org.tribuo.classification.sgd;
    requires org.tribuo.math;
    requires com.oracle.labs.mlrg.olcut;
    requires java.logging;
    requires com.microsoft.onnxruntime;
    requires com.fasterxml.jackson.core;
    requires jdk.httpserver;

    exports io.gitmodel.examples;
}
