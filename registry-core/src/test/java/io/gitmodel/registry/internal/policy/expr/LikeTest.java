package io.gitmodel.registry.internal.policy.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** LIKE and ILIKE patterns: % and _, backslash escapes, everything else literal, no regular expressions. */
class LikeTest {
    /** Pattern, text, LIKE matches, ILIKE matches. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', emptyValue = "", value = {
        "%        | ''         | true  | true",
        "%        | anything   | true  | true",
        "''       | ''         | true  | true",
        "''       | a          | false | false",
        "a        | a          | true  | true",
        "a        | A          | false | true",
        "a        | ab         | false | false",
        "a%       | abc        | true  | true",
        "a%       | ba         | false | false",
        "%c       | abc        | true  | true",
        "%b%      | abc        | true  | true",
        "%b%      | ac         | false | false",
        "a_c      | abc        | true  | true",
        "a_c      | ac         | false | false",
        "a_c      | abbc       | false | false",
        "_        | ''         | false | false",
        "__       | ab         | true  | true",
        "%%       | x          | true  | true",
        "a%b%c    | aXbYc      | true  | true",
        "a%b%c    | abcabc     | true  | true",
        "a%b%c    | acb        | false | false",
        "%a%a     | aaa        | true  | true",
        "%ab      | aab        | true  | true",
        "FR%      | fraud      | false | true",
        "straße   | STRASSE    | false | false",
        "ÉTÉ%     | été 2026   | false | true",
        "\\%      | %          | true  | true",
        "\\%      | a          | false | false",
        "\\_      | _          | true  | true",
        "\\_      | a          | false | false",
        "\\\\     | \\         | true  | true",
        "\\a      | a          | true  | true",
        "100\\%%  | 100% sure  | true  | true",
        "a.c      | abc        | false | false",
        "a.c      | a.c        | true  | true",
        ".*       | anything   | false | false",
        ".*       | .*         | true  | true",
        "[ab]     | a          | false | false",
        "[ab]     | [ab]       | true  | true",
        "\"(a|b)+?\" | \"(a|b)+?\" | true  | true",
        "^a$      | a          | false | false",
        "^a$      | ^a$        | true  | true",
        "\\Q%\\E  | QxE        | true  | true",
        "$1{2}    | $1{2}      | true  | true",
    })
    void patterns(String pattern, String text, boolean like, boolean ilike) {
        assertEquals(like, Like.compile(pattern, false).matches(text), "LIKE '" + pattern + "' on '" + text + "'");
        assertEquals(ilike, Like.compile(pattern, true).matches(text), "ILIKE '" + pattern + "' on '" + text + "'");
    }

    @Test
    void underscoreIsOneCharacterAlsoOutsideTheBasicPlane() {
        String emoji = new String(Character.toChars(0x1F600));
        assertTrue(Like.compile("a_b", false).matches("a" + emoji + "b"));
        assertFalse(Like.compile("a__b", false).matches("a" + emoji + "b"));
        assertTrue(Like.compile("%" + emoji, false).matches("xx" + emoji));
        assertTrue(Like.compile("\\" + emoji, false).matches(emoji));
    }

    @Test
    void aLoneBackslashAtTheEndIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Like.compile("abc\\", false));
        assertThrows(IllegalArgumentException.class, () -> Like.compile("\\", true));
    }

    @Test
    void noPatternIsSlow() {
        String text = "a".repeat(100_000);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertFalse(Like.compile("%a%a%a%a%a%a%a%a%b", false).matches(text));
            assertFalse(Like.compile("%a_a_a_a_a_a_a_ab", true).matches(text));
            assertTrue(Like.compile("%a%a%a%a%a%a%a%a", false).matches(text));
        });
    }
}
