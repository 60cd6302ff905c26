package io.gitmodel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Printed commands survive a paste into a shell. */
class ShellWordsTest {

    @Test
    void plainWordsStayAndOthersAreSingleQuoted() {
        assertEquals("git-model-demo", ShellWords.quote("git-model-demo"));
        assertEquals("/work/main/bin/git-model", ShellWords.quote("/work/main/bin/git-model"));
        assertEquals("fraud@v3:production", ShellWords.quote("fraud@v3:production"));
        assertEquals("'my demo'", ShellWords.quote("my demo"));
        assertEquals("'$HOME/x'", ShellWords.quote("$HOME/x"));
        assertEquals("'it'\\''s'", ShellWords.quote("it's"));
        assertEquals("''", ShellWords.quote(""));
    }
}
