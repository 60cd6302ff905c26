package io.gitmodel.cli;

import io.gitmodel.registry.errors.InvalidValueException;

/** A {@code key=value} argument. */
record KeyValue(String key, String value) {
    static KeyValue parse(String option, String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new InvalidValueException(option + " expects <key>=<value>, got \"" + text + "\"");
        }
        return new KeyValue(text.substring(0, eq), text.substring(eq + 1));
    }
}
