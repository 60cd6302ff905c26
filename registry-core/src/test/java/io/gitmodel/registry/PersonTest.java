package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.errors.InvalidValueException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A person reads and prints back exactly as written, identity or not (created_by may be written by hand). */
class PersonTest {
    @ParameterizedTest
    @ValueSource(strings = {"Ada Tester <ada@example.com>", "Bot <>", "ci-bot", "<ci@example.com>", "CI bot <ci@example.com> (nightly)",
        "Ada  <ada@example.com>", "Ada<ada@example.com>", "  spaced  ", "Zoë Ünïcode <zoe@example.com>", "a <b> <c>"})
    void parseThenPrintGivesTheTextBack(String text) {
        assertEquals(text, Person.parse(text).toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"Ada Tester <ada@example.com>|Ada Tester|ada@example.com", "Bot <>|Bot|"})
    void gitIdentitiesSplitIntoNameAndEmail(String text, String name, String email) {
        Person p = Person.parse(text);
        assertEquals(name, p.name());
        assertEquals(email == null ? "" : email, p.email());
        assertTrue(p.isIdentity());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ci-bot", "<ci@example.com>", "CI bot <ci@example.com> (nightly)"})
    void otherTextIsANameWithoutEmail(String text) {
        Person p = Person.parse(text);
        assertEquals(text, p.name());
        assertNull(p.email());
        assertFalse(p.isIdentity());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "a\nb", "a\u0000b"})
    void blankTextOrControlCharactersAreRefused(String text) {
        assertThrows(InvalidValueException.class, () -> Person.parse(text));
    }

    @org.junit.jupiter.api.Test
    void anIdentityHasNoAngleBracketsInItsNameOrEmail() {
        assertThrows(InvalidValueException.class, () -> new Person("a<b", "x@example.com"));
        assertThrows(InvalidValueException.class, () -> new Person("Ada", "x>y"));
    }

    /** A hand-written created_by reads, and a rewrite (renumbering) writes it back byte for byte. */
    @ParameterizedTest
    @ValueSource(strings = {"ci-bot", "CI bot <ci@example.com> (nightly)", "Bot <>", "<ci@example.com>"})
    void aHandWrittenCreatedByReadsAndWritesBackTheSame(String createdBy) throws Exception {
        String text = "name: fraud\nversion: 1\ncreated: '2026-03-14T10:00:00Z'\ncreated_by: '" + createdBy.replace("'", "''")
                + "'\nmetrics: {}\nparams: {}\ntags: {}\nlineage: {}\nartifacts: []\n";
        ModelVersion v = io.gitmodel.registry.internal.format.ModelYaml.read(text, "fraud@v1:models/fraud/model.yaml", "0".repeat(40));
        assertEquals(createdBy, v.createdBy().toString());
        assertTrue(io.gitmodel.registry.internal.format.ModelYaml.write(v).contains(createdBy),
                io.gitmodel.registry.internal.format.ModelYaml.write(v));
    }
}
