package io.gitmodel.registry;

import io.gitmodel.registry.errors.RegistryException;

/**
 * A single-use command: configure it with setters that return {@code this}, then {@link #call()}
 * it once. Commands are not thread-safe; the {@link Registry} that makes them is.
 *
 * @param <T> what the command returns
 */
public abstract class RegistryCommand<T> {
    private boolean called;

    /** Runs the command. */
    public abstract T call() throws RegistryException;

    /** Marks this command as used; a second call is a programming error. */
    protected final void checkCallable() {
        if (called) {
            throw new IllegalStateException(getClass().getSimpleName() + " was already called; commands are single-use");
        }
        called = true;
    }
}
