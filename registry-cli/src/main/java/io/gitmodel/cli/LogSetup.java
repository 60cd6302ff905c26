package io.gitmodel.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logging for the command line, set up in code: warnings and errors on stderr as
 * {@code git-model: WARN: <message>}. (Logback would otherwise parse an XML configuration on
 * every call, loading some 480 classes a command-line call does not need.) Found by logback
 * through the service loader.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
    private final boolean loggerNames;

    /** Warnings and errors as {@code git-model: WARN: <message>} (found by logback through the service loader). */
    public LogSetup() {
        this(false);
    }

    /** With {@code loggerNames}, each line names its logger too (for {@code --debug}). */
    LogSetup(boolean loggerNames) {
        this.loggerNames = loggerNames;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        Line layout = new Line();
        layout.loggerNames = loggerNames;
        layout.setContext(context);
        layout.start();
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("stderr");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** {@code git-model: LEVEL: message}, and the stack trace of a logged exception. */
    static final class Line extends LayoutBase<ILoggingEvent> {
        /** Whether lines name their logger ({@code --debug}: {@code git-model: DEBUG [logger]: message}). */
        boolean loggerNames;

        @Override
        public String doLayout(ILoggingEvent event) {
            StringBuilder line = new StringBuilder("git-model: ").append(event.getLevel());
            if (loggerNames) {
                line.append(" [").append(event.getLoggerName()).append(']');
            }
            line.append(": ").append(event.getFormattedMessage()).append('\n');
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                line.append(ThrowableProxyUtil.asString(thrown)).append('\n');
            }
            return line.toString();
        }
    }
}
