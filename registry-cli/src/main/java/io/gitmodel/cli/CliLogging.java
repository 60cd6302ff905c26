package io.gitmodel.cli;

import java.io.PrintStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.LocationAwareLogger;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J binding of the command line. A call without {@code --debug} needs no logging back end:
 * warnings and errors the library logs go to stderr as {@code git-model: WARN: <message>} (only
 * errors with {@code --quiet}), formatted here. Only {@code --debug} starts logback (set up in code
 * by {@link LogSetup}): git-model's own loggers ({@code io.gitmodel}) at DEBUG, JGit's at INFO, the
 * rest at WARN. Initialising logback costs a few hundred classes, so a plain call skips it.
 *
 * <p>{@link Main} names this class in the {@code slf4j.provider} system property before anything
 * logs, so SLF4J neither scans the class path for providers nor picks logback's.
 */
public final class CliLogging implements SLF4JServiceProvider {
    /** The value of {@code slf4j.provider} that selects this binding. */
    static final String PROVIDER_PROPERTY = "slf4j.provider";

    private static volatile Level threshold = Level.WARN;
    private static volatile LocationAwareLoggerFactory debugBackend;

    private final ILoggerFactory loggers = new Loggers();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    /** Creates the provider; SLF4J calls this through the {@code slf4j.provider} property. */
    public CliLogging() {
        // SLF4J instantiates providers reflectively
    }

    /**
     * Applies the global options: {@code --debug} switches to logback with git-model's loggers at
     * DEBUG, {@code --quiet} leaves errors only, else warnings and errors.
     */
    static void configure(boolean debug, boolean quiet) {
        if (debug) {
            if (debugBackend == null) {
                debugBackend = LogbackDebug.start();
            }
        } else {
            debugBackend = null;
            threshold = quiet ? Level.ERROR : Level.WARN;
        }
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to set up: that is the point
    }

    /** Makes the logback loggers of {@code --debug}; an interface so logback loads only then. */
    interface LocationAwareLoggerFactory {
        LocationAwareLogger logger(String name);
    }

    private static final class Loggers implements ILoggerFactory {
        private final ConcurrentMap<String, org.slf4j.Logger> byName = new ConcurrentHashMap<>();

        @Override
        public org.slf4j.Logger getLogger(String name) {
            return byName.computeIfAbsent(name, StderrLogger::new);
        }
    }

    /** A logger that prints warnings and errors itself, or hands everything to logback under --debug. */
    private static final class StderrLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;
        private static final String FQCN = StderrLogger.class.getName();

        StderrLogger(String name) {
            this.name = name;
        }

        private boolean enabled(Level level) {
            LocationAwareLoggerFactory backend = debugBackend;
            if (backend != null) {
                return switch (level) {
                    case TRACE -> backend.logger(name).isTraceEnabled();
                    case DEBUG -> backend.logger(name).isDebugEnabled();
                    case INFO -> backend.logger(name).isInfoEnabled();
                    case WARN -> backend.logger(name).isWarnEnabled();
                    case ERROR -> backend.logger(name).isErrorEnabled();
                };
            }
            return level.toInt() >= threshold.toInt();
        }

        @Override
        public boolean isTraceEnabled() {
            return enabled(Level.TRACE);
        }

        @Override
        public boolean isDebugEnabled() {
            return enabled(Level.DEBUG);
        }

        @Override
        public boolean isInfoEnabled() {
            return enabled(Level.INFO);
        }

        @Override
        public boolean isWarnEnabled() {
            return enabled(Level.WARN);
        }

        @Override
        public boolean isErrorEnabled() {
            return enabled(Level.ERROR);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return FQCN;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                Throwable thrown) {
            LocationAwareLoggerFactory backend = debugBackend;
            if (backend != null) {
                backend.logger(name).log(marker, FQCN, level.toInt(), pattern, arguments, thrown);
                return;
            }
            if (level.toInt() < threshold.toInt()) {
                return;
            }
            StringBuilder line = new StringBuilder("git-model: ").append(level).append(": ")
                    .append(MessageFormatter.basicArrayFormat(pattern, arguments)).append('\n');
            PrintStream err = Main.processStderr(); // read at each call: tests and embedders may replace it
            synchronized (err) {
                err.print(line);
                if (thrown != null) {
                    thrown.printStackTrace(err);
                }
                err.flush();
            }
        }
    }
}
