package io.gitmodel.registry.internal.store;

import io.gitmodel.registry.ArtifactPath;
import io.gitmodel.registry.ModelName;
import org.eclipse.jgit.lib.Constants;

/** Where things live in a format-1 registry: paths in the registry branch's tree and ref names. */
public final class RegistryLayout {
    public static final String DEFAULT_BRANCH = "main";
    public static final String MODELS = "models";
    public static final String MODEL_YAML = "model.yaml";
    public static final String ARTIFACTS = "artifacts";
    public static final String MODEL_CARD = "README.md";
    public static final String GITATTRIBUTES = ".gitattributes";
    public static final String GITATTRIBUTES_CONTENT = "models/**/artifacts/** filter=lfs diff=lfs merge=lfs -text\n";
    /** Repository config key (section.name) holding a non-default registry branch. */
    public static final String CONFIG_SECTION = "gitmodel";
    /** {@code gitmodel.incompleteClone}: set while a clone is under way, so a killed one can be finished. */
    public static final String CONFIG_INCOMPLETE_CLONE = "incompleteClone";
    public static final String CONFIG_BRANCH = "branch";

    private RegistryLayout() {
    }

    /** Where the tags of a remote are mirrored: {@code refs/remote-tags/<remote>/}. */
    public static final String REMOTE_TAGS = "refs/remote-tags/";

    /** Whether {@code branch} can be a registry branch: a valid Git branch name outside stages/ and requests/. */
    public static boolean isValidRegistryBranch(String branch) {
        return org.eclipse.jgit.lib.Repository.isValidRefName(Constants.R_HEADS + branch) && !branch.startsWith("stages/")
                && !branch.startsWith("requests/") && !branch.startsWith("-");
    }

    public static String branchRef(String branch) {
        return Constants.R_HEADS + branch;
    }

    /** The mirror of a remote's tags: {@code refs/remote-tags/<remote>/}. */
    public static String remoteTagPrefix(String remote) {
        return REMOTE_TAGS + remote + "/";
    }

    /** The remote-tracking ref of a remote's branch: {@code refs/remotes/<remote>/<branch>}. */
    public static String remoteBranchRef(String remote, String branch) {
        return Constants.R_REMOTES + remote + "/" + branch;
    }

    public static String modelDir(ModelName name) {
        return MODELS + "/" + name.value();
    }

    public static String modelYaml(ModelName name) {
        return modelDir(name) + "/" + MODEL_YAML;
    }

    public static String modelCard(ModelName name) {
        return modelDir(name) + "/" + MODEL_CARD;
    }

    public static String artifactFile(ModelName name, ArtifactPath path) {
        return modelDir(name) + "/" + ARTIFACTS + "/" + path.value();
    }

    /** The tag name of a version, e.g. {@code fraud@v3}. */
    public static String tagName(ModelName name, int version) {
        return name.value() + "@v" + version;
    }

    public static String tagRef(ModelName name, int version) {
        return Constants.R_TAGS + tagName(name, version);
    }

    /**
     * Whether {@code s} is a version number as tag names write it: 1 to 999999999, no leading zero.
     * Checked per tag on every listing, so without a regular expression.
     */
    public static boolean isVersionNumber(String s) {
        int n = s.length();
        if (n == 0 || n > 9 || s.charAt(0) < '1' || s.charAt(0) > '9') {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The prefix of all version tags of a model; '@' cannot occur in a name, so it matches no other model. */
    public static String tagPrefix(ModelName name) {
        return Constants.R_TAGS + name.value() + "@v";
    }
}
