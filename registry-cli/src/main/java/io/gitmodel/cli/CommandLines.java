package io.gitmodel.cli;

import java.lang.reflect.Field;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * Builds the picocli model of a call. picocli reflects over every command class it is given, and
 * {@link GitModelCommand} names more than thirty: building them all took a third of a plain call's
 * time (picocli's classes are Java 5 class files, which class-data sharing cannot archive). So a call
 * that names a command gets a root with that one command, whose global options are read from
 * {@link GitModelCommand}'s fields; everything else (no command, an unknown one, {@code help},
 * {@code --help} or {@code --version} of the root, anything unusual before the command) gets the
 * full model, as before. Both give the same output for the command they run.
 */
final class CommandLines {
    private CommandLines() {
    }

    /** The model for {@code args}: the one command they name under the root when that is safe, else all. */
    static CommandLine forArgs(GitModelCommand root, String[] args) {
        Class<?> command = commandNamed(args);
        if (command == null) {
            return full(root);
        }
        CommandSpec spec = CommandSpec.wrapWithoutInspection(root);
        Command annotation = GitModelCommand.class.getAnnotation(Command.class);
        spec.name(annotation.name());
        for (Field field : GitModelCommand.class.getDeclaredFields()) {
            Option option = field.getAnnotation(Option.class);
            if (option != null) {
                spec.addOption(optionOf(root, field, option));
            }
        }
        CommandLine cli = new CommandLine(spec);
        cli.addSubcommand(command.getAnnotation(Command.class).name(), new CommandLine(command));
        return cli;
    }

    /** Every command, from {@link GitModelCommand}'s annotation. */
    static CommandLine full(GitModelCommand root) {
        return new CommandLine(root);
    }

    /**
     * The command class the arguments name, or null when the full model is needed: the first
     * argument that is not a global option ({@code -C <dir>}, {@code --registry[=]<dir>}, {@code -q},
     * {@code --quiet}, {@code --debug}, {@code --unverified}, short ones clustered) must be a
     * command's name; {@code help} is not taken (it lists the others).
     */
    static Class<?> commandNamed(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-C", "--registry" -> i++;
                case "-q", "--quiet", "--debug", "--unverified" -> {
                }
                default -> {
                    if (arg.startsWith("--registry=")) {
                        continue;
                    }
                    if (arg.startsWith("--")) {
                        return null;
                    }
                    if (arg.startsWith("-")) {
                        int c = arg.indexOf('C');
                        String flags = c < 0 ? arg.substring(1) : arg.substring(1, c);
                        if (flags.isEmpty() && c < 0 || !flags.chars().allMatch(ch -> ch == 'q')) {
                            return null;
                        }
                        if (c == arg.length() - 1) {
                            i++;
                        }
                        continue;
                    }
                    return classOf(arg);
                }
            }
        }
        return null;
    }

    private static Class<?> classOf(String name) {
        if (name.equals("help")) {
            return null;
        }
        for (Class<?> sub : GitModelCommand.class.getAnnotation(Command.class).subcommands()) {
            Command c = sub.getAnnotation(Command.class);
            if (c != null && (c.name().equals(name) || Arrays.asList(c.aliases()).contains(name))) {
                return c.name().equals(name) ? sub : null;
            }
        }
        return null;
    }

    /** The option of a global-option field, as picocli would read it from the annotation. */
    private static OptionSpec optionOf(GitModelCommand root, Field field, Option option) {
        field.setAccessible(true);
        Object initial;
        try {
            initial = field.get(root);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        OptionSpec.Builder b = OptionSpec.builder(option.names())
                .initialValue(initial)
                .type(field.getType())
                .description(option.description())
                .scopeType(option.scope())
                .setter(new CommandLine.Model.ISetter() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public <T> T set(T value) throws IllegalAccessException {
                        T old = (T) field.get(root);
                        field.set(root, value);
                        return old;
                    }
                })
                .getter(new CommandLine.Model.IGetter() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public <T> T get() throws IllegalAccessException {
                        return (T) field.get(root);
                    }
                });
        if (!option.paramLabel().isEmpty()) {
            b.paramLabel(option.paramLabel());
        }
        return b.build();
    }
}
