package io.gitmodel.cli;

import picocli.CommandLine.Option;

/** Options every stage-changing command takes: the reason and an optional signing key. */
final class StageOptions {
    @Option(names = {"-m", "--reason"}, required = true, paramLabel = "<reason>",
            description = "Why the change is made (required; recorded in the commit and the history).")
    String reason;

    @Option(names = "--signing-key", paramLabel = "<key>",
            description = "Sign with this key: an SSH key file, or an OpenPGP key id (default: git's user.signingKey).")
    String signingKey;

    @Option(names = "--approved-by", paramLabel = "<person>",
            description = "Record an approval, e.g. \"Bo Reviewer <bo@example.com>\". Repeatable.")
    java.util.List<String> approvedBy = new java.util.ArrayList<>();
}
