package io.gitmodel.cli;

import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.errors.RegistryConfigurationException;
import io.gitmodel.registry.errors.RegistryException;
import io.gitmodel.registry.errors.RegistryIOException;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The examples' training job ({@code examples/run TribuoTrainingJob}), run in this JVM. The command
 * line does not ship Tribuo: in a checkout, where the launcher has built the examples, the classes
 * load from {@code examples/target} through their class path file. Running in-process saves a JVM
 * start per version and lets the job register with the demo's clock and identity. The library's
 * classes come from this jar (the loader asks its parent first), so the job and the demo share them.
 */
final class ExampleTraining implements DemoTraining {
    static final String JOB = "io.gitmodel.examples.TribuoTrainingJob";
    /** Version 1 a quick baseline, version 2 trained longer and faster: a clear difference in auc. */
    private static final List<List<String>> OPTIONS = List.of(
            List.of("--epochs", "2", "--learning-rate", "0.05"),
            List.of("--epochs", "15", "--learning-rate", "0.5"));

    private final URLClassLoader loader;
    private final Method train;
    private final String runCommand;

    private ExampleTraining(URLClassLoader loader, Method train, String runCommand) {
        this.loader = loader;
        this.train = train;
        this.runCommand = runCommand;
    }

    /**
     * Loads the training job of the built examples in {@code examples} (a checkout's examples/).
     *
     * @throws RegistryConfigurationException when they are not built or the job is not there
     */
    static ExampleTraining load(Path examples, String runCommand) throws RegistryConfigurationException {
        Path classes = examples.resolve("target").resolve("classes");
        Path classpath = examples.resolve("target").resolve("classpath.txt");
        if (!Files.isDirectory(classes) || !Files.isRegularFile(classpath)) {
            throw new RegistryConfigurationException("the examples in " + examples + " are not built (no " + classpath
                    + "); build them with: " + examples.resolve("run") + " --build");
        }
        URLClassLoader loader = null;
        try {
            List<URL> urls = new ArrayList<>();
            urls.add(classes.toUri().toURL());
            for (String entry : Files.readString(classpath, StandardCharsets.UTF_8).strip().split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    urls.add(Path.of(entry).toUri().toURL());
                }
            }
            loader = new URLClassLoader("git-model-examples", urls.toArray(URL[]::new), ExampleTraining.class.getClassLoader());
            Method train = Class.forName(JOB, true, loader).getMethod("train", Registry.class, String[].class);
            return new ExampleTraining(loader, train, runCommand);
        } catch (IOException | ReflectiveOperationException | LinkageError | RuntimeException e) {
            closeQuietly(loader);
            throw new RegistryConfigurationException("cannot load " + JOB + " from " + examples + ": " + e
                    + "; rebuild the examples with: " + examples.resolve("run") + " --build");
        }
    }

    @Override
    public Run train(Registry registry, int n, String registryDir) throws RegistryException {
        List<String> options = OPTIONS.get(n - 1);
        ModelVersion v;
        try {
            v = (ModelVersion) train.invoke(null, registry, options.toArray(String[]::new));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RegistryException registryError) {
                throw registryError;
            }
            throw new RegistryIOException("the training job " + JOB + " failed: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(JOB + ".train is not public", e);
        }
        String output = String.format(Locale.ROOT, "%s auc=%.4f accuracy=%.4f", v.ref(), v.metrics().get("auc"),
                v.metrics().get("accuracy"));
        return new Run(runCommand + " TribuoTrainingJob " + registryDir + " " + String.join(" ", options), v, output);
    }

    @Override
    public String describe() {
        return "the Tribuo training job of the examples (" + runCommand + " TribuoTrainingJob)";
    }

    @Override
    public void close() {
        closeQuietly(loader);
    }

    private static void closeQuietly(URLClassLoader loader) {
        if (loader == null) {
            return;
        }
        try {
            loader.close();
        } catch (IOException e) {
            // jar files opened for reading; nothing was written
        }
    }
}
