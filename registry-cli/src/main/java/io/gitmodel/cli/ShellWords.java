package io.gitmodel.cli;

import java.util.regex.Pattern;

/** Words of a command line printed for people to paste into a POSIX shell. */
final class ShellWords {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./@:=+%,-]+");

    private ShellWords() {
    }

    /** {@code word} as the shell reads it back: as it is when plain, else in single quotes. */
    static String quote(String word) {
        if (PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
