package io.gitmodel.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.ILoggerFactory;
import org.slf4j.spi.LocationAwareLogger;

/**
 * Logback, for {@code --debug} only: git-model's loggers at DEBUG, JGit's at INFO (not its pages of
 * DEBUG internals), everything else at WARN; lines on stderr as {@link LogSetup} writes them. Kept
 * apart from {@link CliLogging} so that a call without {@code --debug} never loads logback.
 */
final class LogbackDebug implements CliLogging.LocationAwareLoggerFactory {
    private final LoggerContext context;

    private LogbackDebug(LoggerContext context) {
        this.context = context;
    }

    /** A logback context of its own, configured in code (no configuration file is looked for). */
    static LogbackDebug start() {
        LoggerContext context = new LoggerContext();
        context.setName("git-model");
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // logging events need one
        LogSetup setup = new LogSetup(true);
        setup.setContext(context);
        setup.configure(context);
        levels(context, true, false);
        context.start();
        return new LogbackDebug(context);
    }

    @Override
    public LocationAwareLogger logger(String name) {
        return context.getLogger(name);
    }

    /** Whether logback is SLF4J's binding (a JVM where something logged before {@link Main} chose one). */
    static boolean isBinding(ILoggerFactory factory) {
        return factory.getClass().getName().startsWith("ch.qos.logback.");
    }

    /** The levels of the global options on a logback context that is SLF4J's binding. */
    static void levels(ILoggerFactory factory, boolean debug, boolean quiet) {
        levels((LoggerContext) factory, debug, quiet);
    }

    private static void levels(LoggerContext context, boolean debug, boolean quiet) {
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(debug ? Level.WARN : quiet ? Level.ERROR : Level.WARN);
        context.getLogger("io.gitmodel").setLevel(debug ? Level.DEBUG : null);
        context.getLogger("org.eclipse.jgit").setLevel(debug ? Level.INFO : Level.ERROR);
    }
}
