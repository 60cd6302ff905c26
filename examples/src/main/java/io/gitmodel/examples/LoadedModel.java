package io.gitmodel.examples;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.gitmodel.registry.ModelVersion;
import io.gitmodel.registry.Registry;
import io.gitmodel.registry.errors.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One version's ONNX model, loaded into an ONNX Runtime session, with the column orders its
 * training job recorded ({@code onnx_inputs}, {@code onnx_outputs}). Reference-counted: the
 * server holds one reference while it serves the version and each request holds one while it
 * predicts, so a swap closes the old session only after its last request is answered.
 */
final class LoadedModel {
    private final ModelVersion version;
    private final String stageCommit;
    private final OrtSession session;
    private final String input;
    private final List<String> inputs;
    private final List<String> outputs;
    private final AtomicInteger references = new AtomicInteger(1); // the server's

    private LoadedModel(ModelVersion version, String stageCommit, OrtSession session, List<String> inputs, List<String> outputs) {
        this.version = version;
        this.stageCommit = stageCommit;
        this.session = session;
        this.input = session.getInputNames().iterator().next();
        this.inputs = inputs;
        this.outputs = outputs;
    }

    /** Loads {@code version}'s model.onnx, every byte checked against its sha256 as it is read. */
    static LoadedModel load(Registry registry, ModelVersion version, String stageCommit) throws RegistryException, IOException,
            OrtException {
        byte[] onnx;
        try (InputStream in = registry.openArtifact(version, "model.onnx")) {
            onnx = in.readAllBytes();
        }
        OrtSession session = OrtEnvironment.getEnvironment().createSession(onnx);
        return new LoadedModel(version, stageCommit, session, columns(version, "onnx_inputs"), columns(version, "onnx_outputs"));
    }

    private static List<String> columns(ModelVersion v, String param) {
        Object value = v.params().get(param);
        if (value == null) {
            throw new IllegalStateException(v.ref() + " does not record " + param + ": register it with the training job");
        }
        return Arrays.asList(value.toString().split(","));
    }

    ModelVersion version() {
        return version;
    }

    String stageCommit() {
        return stageCommit;
    }

    List<String> inputs() {
        return inputs;
    }

    /** Takes a reference for one request; false if the model was already closed (take the new one). */
    boolean acquire() {
        int n;
        do {
            n = references.get();
            if (n == 0) {
                return false;
            }
        } while (!references.compareAndSet(n, n + 1));
        return true;
    }

    /** Gives a reference back; the last one closes the session. */
    void release() {
        if (references.decrementAndGet() == 0) {
            try {
                session.close();
            } catch (OrtException e) {
                throw new IllegalStateException("cannot close the ONNX session of " + version.ref(), e);
            }
        }
    }

    /** The probability of each output class for one row of named features. */
    Map<String, Double> predict(Map<String, Double> features) throws OrtException {
        float[][] row = new float[1][inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            Double value = features.get(inputs.get(i));
            if (value == null) {
                throw new IllegalArgumentException("missing feature " + inputs.get(i) + "; the model reads " + inputs);
            }
            row[0][i] = value.floatValue();
        }
        try (OnnxTensor tensor = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), row);
                OrtSession.Result result = session.run(Map.of(input, tensor))) {
            float[][] scores = (float[][]) result.get(0).getValue();
            Map<String, Double> out = new java.util.LinkedHashMap<>();
            for (int i = 0; i < outputs.size(); i++) {
                out.put(outputs.get(i), (double) scores[0][i]);
            }
            return out;
        }
    }
}
