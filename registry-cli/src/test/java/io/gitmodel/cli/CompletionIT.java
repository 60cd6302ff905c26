package io.gitmodel.cli;

import static io.gitmodel.cli.CliTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gitmodel.cli.CliTestSupport.Cli;
import io.gitmodel.cli.Processes.Output;
import io.gitmodel.registry.testing.IsolatedGit;
import io.gitmodel.registry.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The completion script the build generates (share/bash-completion/completions/git-model), sourced
 * by a real bash (and zsh through bashcompinit where installed) and asked what TAB would offer, on a
 * real registry: commands, options, model names, references and stages.
 */
@IsolatedGit
class CompletionIT {
    TestEnv env;
    Path script;
    Path registry;

    @BeforeEach
    void setUp(TestEnv env) {
        this.env = env;
        script = Processes.target().resolve("share/bash-completion/completions/git-model").toAbsolutePath();
        assumeTrue(Files.isRegularFile(script), script + " is made by 'mvn process-classes' (or package); not built yet");
        assumeTrue(!Processes.windows(), "the completion script is for bash and zsh");
        Cli cli = new Cli(env);
        registry = cli.init("models", "--unsigned");
        Path model = write(cli.work.resolve("model.onnx"), "weights");
        cli.register(registry, "fraud", "--artifact", model.toString());
        cli.register(registry, "fraud", "--artifact", model.toString());
        cli.register(registry, "ranker");
    }

    /**
     * What bash completes for each command line (the word under the cursor last, "" for a new word),
     * in {@code dir}: one list per line, as _git_model_complete leaves COMPREPLY.
     */
    private List<List<String>> bash(Path dir, List<List<String>> lines) {
        Path bash = Processes.onPath("bash");
        assumeTrue(bash != null, "bash is not installed");
        StringBuilder s = new StringBuilder("source " + quote(script.toString()) + " || exit 3\n");
        s.append("t() { COMP_WORDS=(\"$@\"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_LINE=\"$*\"; COMP_POINT=${#COMP_LINE};"
                + " COMPREPLY=(); _git_model_complete git-model \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\";"
                + " printf '%s ' \"${COMPREPLY[@]}\"; echo; }\n");
        for (List<String> words : lines) {
            s.append("t");
            words.forEach(w -> s.append(' ').append(quote(w)));
            s.append(" 2>/dev/null\n");
        }
        return replies(Processes.run(dir, env.env(), env.dir(), List.of(bash.toString(), "--norc", "--noprofile", "-c", s.toString())),
                lines.size());
    }

    /** The same through zsh's bashcompinit, as `autoload bashcompinit; bashcompinit; source ...` sets it up. */
    private List<List<String>> zsh(Path dir, List<List<String>> lines) {
        Path zsh = Processes.onPath("zsh");
        assumeTrue(zsh != null, "zsh is not installed");
        StringBuilder s = new StringBuilder("autoload -U +X compinit && compinit -u -D\n"
                + "autoload -U +X bashcompinit && bashcompinit\nsource " + quote(script.toString()) + " || exit 3\n");
        // what zsh's _bash_complete does for a `complete -F` function: COMP_* from words, then compgen -F
        s.append("t() { local -a words=(\"$@\"); local CURRENT=$#words; local -a COMP_WORDS COMPREPLY;"
                + " local COMP_CWORD=$((CURRENT - 1)); COMP_WORDS=(\"${words[@]}\"); local COMP_LINE=\"$*\";"
                + " local COMP_POINT=${#COMP_LINE};"
                + " compgen -F _git_model_complete -- \"${words[CURRENT]}\" 2>/dev/null | tr '\\n' ' '; echo; }\n");
        for (List<String> words : lines) {
            s.append("t");
            words.forEach(w -> s.append(' ').append(quote(w)));
            s.append('\n');
        }
        return replies(Processes.run(dir, env.env(), env.dir(), List.of(zsh.toString(), "-f", "-c", s.toString())), lines.size());
    }

    private static List<List<String>> replies(Output o, int count) {
        assertEquals(0, o.exit(), o::toString);
        List<String> out = o.out().lines().toList();
        assertEquals(count, out.size(), o::toString);
        List<List<String>> result = new ArrayList<>();
        for (String line : out) {
            result.add(line.isBlank() ? List.of() : List.of(line.strip().split(" +")));
        }
        return result;
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    @Test
    void bashCompletesCommandsModelNamesReferencesAndStagesFromTheRegistry() {
        List<List<String>> r = bash(registry, List.of(
                List.of("git-model", "pro"),
                List.of("git-model", "promote", "fr"),
                List.of("git-model", "promote", "fraud@v1", ""),
                List.of("git-model", "promote", "--re"),
                List.of("git-model", "history", ""),
                List.of("git-model", "release", "production", "fraud@v2", "ra")));
        assertEquals(List.of("promote"), r.get(0));
        assertEquals(List.of("fraud@v1", "fraud@v2", "fraud@latest", "fraud@staging", "fraud@production", "fraud@archived"), r.get(1));
        assertEquals(List.of("staging", "production", "archived"), r.get(2));
        assertTrue(r.get(3).contains("--reason"), r.get(3)::toString);
        assertEquals(List.of("fraud", "ranker"), r.get(4));
        assertTrue(r.get(5).containsAll(List.of("ranker@v1", "ranker@latest", "ranker@production")), r.get(5)::toString);
    }

    @Test
    void theRegistryIsTheOneMinusCNamesElseGitModelRegistry() {
        Path elsewhere = env.dir();
        List<List<String>> r = bash(elsewhere, List.of(
                List.of("git-model", "-C", registry.toString(), "versions", ""),
                List.of("git-model", "versions", "")));
        assertEquals(List.of("fraud", "ranker"), r.get(0));
        assertTrue(r.get(1).stream().noneMatch(w -> w.equals("fraud")), r.get(1)::toString);
        env.env().put("GIT_MODEL_REGISTRY", registry.toString());
        assertEquals(List.of("fraud", "ranker"), bash(elsewhere, List.of(List.of("git-model", "versions", ""))).get(0));
    }

    @Test
    void zshCompletesTheSameThroughBashcompinit() {
        List<List<String>> r = zsh(registry, List.of(
                List.of("git-model", "promote", "fr"),
                List.of("git-model", "promote", "fraud@v1", ""),
                List.of("git-model", "history", "")));
        assertEquals(List.of("fraud@v1", "fraud@v2", "fraud@latest", "fraud@staging", "fraud@production", "fraud@archived"), r.get(0));
        assertEquals(List.of("staging", "production", "archived"), r.get(1));
        assertEquals(List.of("fraud", "ranker"), r.get(2));
    }

    @Test
    void gitModelCompletesThroughGitsOwnBashCompletion() {
        Path bash = Processes.onPath("bash");
        assumeTrue(bash != null, "bash is not installed");
        Path gitCompletion = Path.of("/usr/share/bash-completion/completions/git");
        assumeTrue(Files.isRegularFile(gitCompletion), "git's bash completion is not at " + gitCompletion);
        String s = "source " + quote(gitCompletion.toString()) + " 2>/dev/null || exit 3\n"
                + "source " + quote(script.toString()) + " || exit 3\n"
                + "t() { COMP_WORDS=(\"$@\"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_LINE=\"$*\"; COMP_POINT=${#COMP_LINE};"
                + " COMPREPLY=(); __git_wrap__git_main git \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\";"
                + " printf '%s ' \"${COMPREPLY[@]}\"; echo; }\n"
                + "t git model pro 2>/dev/null\nt git model promote fr 2>/dev/null\n";
        Output o = Processes.run(registry, env.env(), env.dir(), List.of(bash.toString(), "--norc", "--noprofile", "-c", s));
        assumeTrue(o.exit() != 3, () -> "git's completion did not load\n" + o);
        List<List<String>> r = replies(o, 2);
        assertEquals(List.of("promote"), r.get(0));
        assertEquals(List.of("fraud@v1", "fraud@v2", "fraud@latest", "fraud@staging", "fraud@production", "fraud@archived"), r.get(1));
    }

    /**
     * The script's table of argument kinds (_git_model_arguments) matches the commands' positional
     * parameters: every <ref>, <name>, <stage>, <remote> and <request> argument is completed from the
     * registry, in the order the command takes them.
     */
    @Test
    void theScriptKnowsTheArgumentsOfEveryCommand() {
        Set<String> kinds = Set.of("ref", "name", "stage", "remote", "request");
        // a name that is new, not one from the registry
        Set<String> newNames = Set.of("remote add");
        Map<String, String> expected = new LinkedHashMap<>();
        collect(new CommandLine(new GitModelCommand(new Context(Map.of(), env.dir()))), "", kinds, newNames, expected);
        assertTrue(expected.containsKey("promote") && expected.containsKey("remote remove"), expected::toString);
        Path bash = Processes.onPath("bash");
        assumeTrue(bash != null, "bash is not installed");
        StringBuilder s = new StringBuilder("source " + quote(script.toString()) + " 2>/dev/null || exit 3\n");
        for (String command : expected.keySet()) {
            s.append("echo \"$(_git_model_arguments ").append(quote(command)).append(")\"\n");
        }
        Output o = Processes.run(env.dir(), env.env(), env.dir(), List.of(bash.toString(), "--norc", "--noprofile", "-c", s.toString()));
        assertEquals(0, o.exit(), o::toString);
        List<String> actual = o.out().lines().toList();
        Map<String, String> got = new LinkedHashMap<>();
        int i = 0;
        for (String command : expected.keySet()) {
            got.put(command, actual.get(i++));
        }
        assertEquals(expected, got);
    }

    private static void collect(CommandLine command, String prefix, Set<String> kinds, Set<String> newNames, Map<String, String> expected) {
        for (Map.Entry<String, CommandLine> e : command.getSubcommands().entrySet()) {
            CommandLine sub = e.getValue();
            if (!e.getKey().equals(sub.getCommandName()) || e.getKey().equals("help")) {
                continue;
            }
            String name = prefix.isEmpty() ? e.getKey() : prefix + " " + e.getKey();
            List<String> words = new ArrayList<>();
            for (PositionalParamSpec p : sub.getCommandSpec().positionalParameters()) {
                String label = p.paramLabel().replaceAll("[<>]", "");
                if (name.startsWith("remote ") && label.equals("name")) {
                    label = "remote"; // remote add <name>, remote remove <name>: a remote's name
                }
                String kind = kinds.contains(label) && !newNames.contains(name) ? label : "-";
                words.add(p.arity().max() > 1 ? kind + "..." : kind);
            }
            while (!words.isEmpty() && words.get(words.size() - 1).startsWith("-")) {
                words.remove(words.size() - 1); // trailing arguments that are not the registry's: nothing to complete
            }
            expected.put(name, String.join(" ", words));
            collect(sub, name, kinds, newNames, expected);
        }
    }
}
