package io.gitmodel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.errors.InvalidReferenceException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The reference syntax: {@code <name>@v<N>}, {@code @latest}, {@code @<stage>}, {@code @<stage>~<instant>}. */
class ModelRefTest {

    @ParameterizedTest
    @ValueSource(strings = {"fraud@v3", "fraud@v1", "fraud@v999999999", "fraud@latest", "fraud@production",
            "fraud@production~2026-03-14T10:00:00Z", "a.b-c_d@staging", "fraud@my-stage_2~2026-03-14T10:00:00.123Z"})
    void parseAndToStringRoundTrip(String text) {
        ModelRef ref = ModelRef.parse(text);
        assertEquals(text, ref.toString());
        assertEquals(ref, ModelRef.parse(ref.toString()));
    }

    @Test
    void exactReference() {
        ModelRef ref = ModelRef.parse("fraud@v3");
        assertEquals(ModelName.of("fraud"), ref.name());
        assertEquals(new ModelRef.Exact(3), ref.selector());
        assertTrue(ref.isExact());
        assertEquals(ModelRef.of(ModelName.of("fraud"), 3), ref);
    }

    @Test
    void latestReference() {
        ModelRef ref = ModelRef.parse("fraud@latest");
        assertInstanceOf(ModelRef.Latest.class, ref.selector());
        assertFalse(ref.isExact());
        assertEquals(ModelRef.latest(ModelName.of("fraud")), ref);
    }

    @Test
    void stageReference() {
        ModelRef ref = ModelRef.parse("fraud@production");
        ModelRef.Stage stage = assertInstanceOf(ModelRef.Stage.class, ref.selector());
        assertEquals(StageName.of("production"), stage.stage());
        assertNull(stage.at());
    }

    @Test
    void stageAtAnInstant() {
        ModelRef ref = ModelRef.parse("fraud@production~2026-03-14T10:00:00Z");
        ModelRef.Stage stage = assertInstanceOf(ModelRef.Stage.class, ref.selector());
        assertEquals(StageName.of("production"), stage.stage());
        assertEquals(Instant.parse("2026-03-14T10:00:00Z"), stage.at());
    }

    @ParameterizedTest
    @CsvSource({
            "2026-03-14T10:00Z, 2026-03-14T10:00:00Z",
            "2026-03-14T10:00:00Z, 2026-03-14T10:00:00Z",
            "2026-03-14, 2026-03-14T00:00:00Z",
            "2026-03-14T11:00:00+01:00, 2026-03-14T10:00:00Z",
            "2026-03-14T05:30-04:30, 2026-03-14T10:00:00Z"})
    void instantFormsParseToTheRightInstantAndPrintCanonically(String given, String expected) {
        ModelRef ref = ModelRef.parse("fraud@production~" + given);
        ModelRef.Stage stage = assertInstanceOf(ModelRef.Stage.class, ref.selector());
        assertEquals(Instant.parse(expected), stage.at());
        assertEquals("fraud@production~" + expected, ref.toString());
        assertEquals(Instant.parse(expected), ModelRef.parseInstant(given));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fraud", "fraud@", "@v1", "@", "", "fraud@v1@v2", "fraud@v1~x", "fraud@prod~notadate",
            "Fraud@v1", "fraud@Production", "fraud@latest~2026-03-14", "fraud@v1~2026-03-14", "fraud@prod~",
            "fraud@1", "fraud@-prod", "fraud@prod uction", "../x@v1", "fraud@prod~2026-13-45",
            "fraud@prod~2026-03-14T10:00", "fraud @v1", "fraud@v1 "})
    void invalidReferencesAreRejected(String text) {
        InvalidReferenceException e = assertThrows(InvalidReferenceException.class, () -> ModelRef.parse(text));
        assertEquals(text, e.reference());
        assertTrue(e.getMessage().contains("\"" + text + "\""), () -> "message should quote the reference: " + e.getMessage());
    }

    @Test
    void invalidModelNameInAReferenceExplainsTheNameRule() {
        InvalidReferenceException e = assertThrows(InvalidReferenceException.class, () -> ModelRef.parse("Fraud@v1"));
        assertTrue(e.getMessage().contains("model name \"Fraud\" is invalid"), e.getMessage());
    }

    @Test
    void badInstantIsNamedInTheMessage() {
        InvalidReferenceException e = assertThrows(InvalidReferenceException.class,
                () -> ModelRef.parse("fraud@prod~notadate"));
        assertTrue(e.getMessage().contains("notadate"), e.getMessage());
        assertTrue(e.getMessage().contains("ISO-8601"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"fraud@v0", "fraud@v01", "fraud@v1234567890", "fraud@v0~2026-03-14", "fraud@v00"})
    void malformedVersionNumbersAreRejected(String text) {
        InvalidReferenceException e = assertThrows(InvalidReferenceException.class, () -> ModelRef.parse(text));
        assertEquals(text, e.reference());
    }

    @Test
    void negativeVersionNumberIsRejected() {
        InvalidReferenceException e = assertThrows(InvalidReferenceException.class, () -> ModelRef.parse("fraud@v-1"));
        assertEquals("fraud@v-1", e.reference());
    }

    @Test
    void exactVersionMustBePositive() {
        assertThrows(InvalidReferenceException.class, () -> new ModelRef.Exact(0));
        assertThrows(InvalidReferenceException.class, () -> new ModelRef.Exact(-1));
        assertEquals("v1", new ModelRef.Exact(1).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"latest", "v2", "Prod", "1prod", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void invalidStageNamesAreRejected(String stage) {
        assertThrows(io.gitmodel.registry.errors.InvalidNameException.class, () -> StageName.of(stage));
    }
}
