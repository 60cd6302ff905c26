package io.gitmodel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitmodel.registry.ProgressListener;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void drawsBytesPercentRateAndEtaThenEndsTheLineWhenDone() throws Exception {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text));
        long total = 64L << 20;
        bar.update("uploading model.bin", 0, total);
        Thread.sleep(120); // redraws are limited to ten a second
        bar.update("uploading model.bin", 16L << 20, total);
        String partial = text.toString();
        assertTrue(partial.contains("uploading model.bin ["), partial);
        assertTrue(partial.contains(" 25% "), partial);
        assertTrue(partial.contains("16 MiB/64 MiB"), partial);
        assertTrue(partial.matches("(?s).*MiB/s  ETA \\d+:\\d\\d.*"), partial);
        assertTrue(!partial.contains("\n"), "one line, redrawn in place");

        bar.update("uploading model.bin", total, total);
        String done = text.toString();
        assertTrue(done.contains("100% "), done);
        assertTrue(done.endsWith(System.lineSeparator()), "the finished bar keeps its line");
        String lastLine = done.substring(done.lastIndexOf('\r'));
        assertTrue(!lastLine.contains("ETA"), lastLine);
    }

    @Test
    void aNewTaskStartsOnANewLine() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text));
        bar.update("downloading a.bin", 10, 100);
        bar.update("downloading b.bin", 10, 100);
        assertEquals(2, text.toString().split("\r").length - 1, text.toString());
        assertTrue(text.toString().contains(System.lineSeparator() + "\rdownloading b.bin"), text.toString());
    }

    @Test
    void quietOrPipedOutputGetsNoBar() {
        PrintWriter err = new PrintWriter(new StringWriter());
        assertSame(ProgressListener.NONE, ProgressBar.forTerminal(err, true));
        // the test JVM has no console: piped
        assertSame(ProgressListener.NONE, ProgressBar.forTerminal(err, false));
    }
}
