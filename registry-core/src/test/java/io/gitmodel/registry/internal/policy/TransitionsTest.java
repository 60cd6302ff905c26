package io.gitmodel.registry.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gitmodel.registry.EventAction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What a stage holds of a model after each action, for single-slot and multi-valued stages. */
class TransitionsTest {
    static final boolean SINGLE = false;
    static final boolean MULTI = true;

    static List<Integer> after(EventAction action, boolean multiValued, List<Integer> before, int version) {
        return Transitions.after(action, multiValued, before, version);
    }

    @Test
    void promoteReplacesInASingleSlotAndJoinsASet() {
        assertEquals(List.of(3), after(EventAction.PROMOTE, SINGLE, List.of(), 3));
        assertEquals(List.of(3), after(EventAction.PROMOTE, SINGLE, List.of(2), 3));
        assertEquals(List.of(1), after(EventAction.PROMOTE, SINGLE, List.of(2), 1));
        assertEquals(List.of(2), after(EventAction.PROMOTE, SINGLE, List.of(2), 2));

        assertEquals(List.of(3), after(EventAction.PROMOTE, MULTI, List.of(), 3));
        assertEquals(List.of(1, 2, 3), after(EventAction.PROMOTE, MULTI, List.of(1, 2), 3));
        assertEquals(List.of(1, 2, 5), after(EventAction.PROMOTE, MULTI, List.of(1, 5), 2), "kept ascending");
        assertEquals(List.of(1, 2), after(EventAction.PROMOTE, MULTI, List.of(1, 2), 2), "a set: no duplicate");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void releaseAndRollbackLeaveExactlyTheVersion(boolean multiValued) {
        for (EventAction action : List.of(EventAction.RELEASE, EventAction.ROLLBACK)) {
            assertEquals(List.of(4), after(action, multiValued, List.of(), 4), action.word());
            assertEquals(List.of(4), after(action, multiValued, List.of(7), 4), action.word());
            assertEquals(List.of(4), after(action, multiValued, List.of(1, 4, 9), 4), action.word());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void archiveAddsToWhatIsHeld(boolean multiValued) {
        // the evaluator lets only a multi-valued stage be archived to; the transition itself just adds
        assertEquals(List.of(2), after(EventAction.ARCHIVE, multiValued, List.of(), 2));
        assertEquals(List.of(1, 2, 3), after(EventAction.ARCHIVE, multiValued, List.of(1, 3), 2));
        assertEquals(List.of(1, 3), after(EventAction.ARCHIVE, multiValued, List.of(1, 3), 3));
    }

    @Test
    void demoteEmptiesASingleSlotWhateverTheVersionAndRemovesOneFromASet() {
        assertEquals(List.of(), after(EventAction.DEMOTE, SINGLE, List.of(2), 2));
        assertEquals(List.of(), after(EventAction.DEMOTE, SINGLE, List.of(2), 5), "the slot is emptied even for another version");
        assertEquals(List.of(), after(EventAction.DEMOTE, SINGLE, List.of(), 1));

        assertEquals(List.of(1, 3), after(EventAction.DEMOTE, MULTI, List.of(1, 2, 3), 2));
        assertEquals(List.of(1, 3), after(EventAction.DEMOTE, MULTI, List.of(1, 3), 2), "absent: unchanged");
        assertEquals(List.of(), after(EventAction.DEMOTE, MULTI, List.of(3), 3));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void restoreRemovesOnlyThatVersion(boolean multiValued) {
        assertEquals(List.of(1, 3), after(EventAction.RESTORE, multiValued, List.of(1, 2, 3), 2));
        assertEquals(List.of(1, 3), after(EventAction.RESTORE, multiValued, List.of(1, 3), 2));
        assertEquals(List.of(), after(EventAction.RESTORE, multiValued, List.of(2), 2));
    }

    @Test
    void aRegistrationIsNotAStageAction() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> after(EventAction.REGISTER, SINGLE, List.of(), 1));
        assertEquals("not a stage action: register", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> after(EventAction.REGISTER, MULTI, List.of(), 1));
    }

    @ParameterizedTest
    @EnumSource(value = EventAction.class, names = {"REGISTER", "APPROVE", "UNKNOWN"}, mode = EnumSource.Mode.EXCLUDE)
    void theInputIsNotChangedAndTheResultIsUnmodifiable(EventAction action) {
        for (boolean multiValued : new boolean[] {SINGLE, MULTI}) {
            List<Integer> before = new ArrayList<>(List.of(1, 2));
            List<Integer> result = after(action, multiValued, before, 2);
            assertEquals(List.of(1, 2), before, action.word());
            assertThrows(UnsupportedOperationException.class, () -> result.add(9), action.word());
        }
    }

    @ParameterizedTest
    @EnumSource(value = EventAction.class, names = {"REGISTER", "APPROVE", "UNKNOWN"}, mode = EnumSource.Mode.EXCLUDE)
    void theResultIsAscendingWithoutDuplicatesWhateverTheInputOrder(EventAction action) {
        for (boolean multiValued : new boolean[] {SINGLE, MULTI}) {
            List<Integer> result = after(action, multiValued, List.of(5, 1, 5, 3), 4);
            assertEquals(result.stream().distinct().sorted().toList(), result, action.word());
        }
    }
}
