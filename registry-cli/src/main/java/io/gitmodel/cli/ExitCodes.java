package io.gitmodel.cli;

/** The exit codes of git-model, a scriptable contract. */
final class ExitCodes {
    /** The command did what was asked. */
    static final int OK = 0;
    /** The command failed; one line on stderr says why. */
    static final int ERROR = 1;
    /** The command line was wrong: unknown option, missing argument, invalid name or reference. */
    static final int USAGE = 2;

    private ExitCodes() {
    }
}
