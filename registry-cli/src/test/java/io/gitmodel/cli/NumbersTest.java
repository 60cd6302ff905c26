package io.gitmodel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Numbers in tables people read are short; exact ones keep every digit. */
class NumbersTest {

    @Test
    void displayRoundsToFourDecimalsOrFourSignificantDigitsBelowOne() {
        assertEquals("0.7358", Numbers.display(0.7357687467614197));
        assertEquals("0.04001", Numbers.display(0.0400057369161297));
        assertEquals("-0.0383", Numbers.display(-0.0382989005678386));
        assertEquals("0.00001234", Numbers.display(0.0000123449));
        assertEquals("123.4568", Numbers.display(123.456789));
        assertEquals("0.709", Numbers.display(0.709), "no trailing zeros");
        assertEquals("0.5", Numbers.display(0.5));
        assertEquals("15", Numbers.display(15.0), "whole numbers print as integers");
        assertEquals("-3", Numbers.display(-3.0));
        assertEquals("NaN", Numbers.display(Double.NaN));
    }

    @Test
    void formatKeepsEveryDigit() {
        assertEquals("0.7357687467614197", Numbers.format(0.7357687467614197));
        assertEquals("15", Numbers.format(15.0));
        assertEquals("1.0E-7", Numbers.format(1e-7));
    }
}
