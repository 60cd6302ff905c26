package io.gitmodel.registry.internal.transport;

import io.gitmodel.registry.internal.store.RemoteConfig;
import io.gitmodel.registry.Remote;
import io.gitmodel.registry.errors.TransportException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;

/**
 * Turns what JGit throws when talking to a remote ("Invalid remote: origin", "not authorized")
 * into one sentence that says what is wrong and what to do, without credentials.
 */
public final class TransportFailures {
    private TransportFailures() {
    }

    /** A failed fetch or push ({@code doing} is "fetch from" or "push to"). */
    public static TransportException of(String doing, Remote remote, Exception e, String consequence) {
        String url = RemoteConfig.redact(remote.url());
        String what = "cannot " + doing + " " + remote.name() + " (" + url + "): ";
        String cause;
        if (has(e, NoRemoteRepositoryException.class)) {
            cause = "there is no repository at " + url + "; check the URL (git-model remote list)";
        } else if (mentions(e, "not authorized") || mentions(e, "authentication is required") || mentions(e, " 401")
                || mentions(e, " 403")) {
            cause = "the server refused the credentials or wants some; put user:password in the remote URL, set"
                    + " GIT_MODEL_TOKEN, or configure a git credential helper";
        } else if (has(e, ConnectException.class) || has(e, UnknownHostException.class) || mentions(e, "connection failed")
                || mentions(e, "connection refused")) {
            cause = "cannot connect to the server; check the URL and that the server is up";
        } else {
            cause = RemoteConfig.redact(deepestMessage(e));
        }
        return new TransportException(remote.name(), what + cause + ". " + consequence, e);
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentions(Throwable e, String text) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains(text)) {
                return true;
            }
        }
        return false;
    }

    private static String deepestMessage(Throwable e) {
        String message = e.toString();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message;
    }
}
