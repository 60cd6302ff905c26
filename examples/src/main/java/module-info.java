/**
 * Programs that embed the git-model library, as a team would: a training job that registers what
 * it trained and a serving program that loads a version. A module of their own, so they use the
 * library's exported API only, and their tests run the library as a named module.
 */
module io.gitmodel.examples {
    requires io.gitmodel.registry;

    exports io.gitmodel.examples;
}
