package org.swarmsense.edge.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Backend} on ONNX Runtime (CPU execution provider, all graph optimisations) with fixed
 * {@link ThreadSettings}. The backend is thread-safe; each session is used by one thread at a time.
 */
public final class OnnxRuntimeBackend implements Backend {

  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final ThreadSettings threads;

  /** A backend whose sessions use {@code threads}. */
  public OnnxRuntimeBackend(ThreadSettings threads) {
    if (threads == null) {
      throw new IllegalArgumentException("threads must not be null");
    }
    this.threads = threads;
  }

  /** Thread settings of every session this backend opens. */
  public ThreadSettings threads() {
    return threads;
  }

  @Override
  public InferenceSession open(Path model) {
    if (model == null || !Files.isRegularFile(model)) {
      throw new IllegalArgumentException("model must be an existing ONNX file, got: " + model);
    }
    try (OrtSession.SessionOptions options = options()) {
      return new Session(model.toString(), env.createSession(model.toString(), options));
    } catch (OrtException e) {
      throw new IllegalArgumentException("cannot load ONNX model " + model + ": " + e.getMessage(), e);
    }
  }

  @Override
  public InferenceSession open(String name, byte[] model) {
    try (OrtSession.SessionOptions options = options()) {
      return new Session(name, env.createSession(model, options));
    } catch (OrtException e) {
      throw new IllegalArgumentException("cannot load ONNX model " + name + ": " + e.getMessage(), e);
    }
  }

  private OrtSession.SessionOptions options() throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(threads.intraOpThreads());
    options.setInterOpNumThreads(threads.interOpThreads());
    options.setExecutionMode(threads.interOpThreads() > 1
        ? OrtSession.SessionOptions.ExecutionMode.PARALLEL : OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
    options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    return options;
  }

  private final class Session implements InferenceSession {
    private final String name;
    private final OrtSession session;
    private final List<String> inputs;
    private final List<String> outputs;

    Session(String name, OrtSession session) throws OrtException {
      this.name = name;
      this.session = session;
      this.inputs = List.copyOf(session.getInputNames());
      this.outputs = List.copyOf(session.getOutputNames());
      for (Map.Entry<String, NodeInfo> e : session.getInputInfo().entrySet()) {
        if (!(e.getValue().getInfo() instanceof TensorInfo)) {
          throw new IllegalArgumentException("model " + name + " input " + e.getKey() + " is not a tensor");
        }
      }
    }

    @Override
    public List<String> inputNames() {
      return inputs;
    }

    @Override
    public List<String> outputNames() {
      return outputs;
    }

    @Override
    public Map<String, Tensor> run(Map<String, Tensor> in) {
      List<OnnxTensor> created = new ArrayList<>();
      try {
        Map<String, OnnxTensor> feed = new LinkedHashMap<>();
        for (String input : inputs) {
          Tensor t = in.get(input);
          if (t == null) {
            throw new IllegalArgumentException("model " + name + " needs input " + input + ", got: " + in.keySet());
          }
          OnnxTensor ot = OnnxTensor.createTensor(env, FloatBuffer.wrap(t.data()), t.shape());
          created.add(ot);
          feed.put(input, ot);
        }
        try (OrtSession.Result result = session.run(feed)) {
          Map<String, Tensor> out = new LinkedHashMap<>();
          for (Map.Entry<String, OnnxValue> e : result) {
            OnnxTensor ot = (OnnxTensor) e.getValue();
            FloatBuffer fb = ot.getFloatBuffer();
            float[] data = new float[fb.remaining()];
            fb.get(data);
            out.put(e.getKey(), new Tensor(ot.getInfo().getShape(), data));
          }
          return out;
        }
      } catch (OrtException e) {
        throw new IllegalStateException("model " + name + " failed: " + e.getMessage(), e);
      } finally {
        created.forEach(OnnxTensor::close);
      }
    }

    @Override
    public void close() {
      try {
        session.close();
      } catch (OrtException e) {
        throw new IllegalStateException("cannot close model " + name + ": " + e.getMessage(), e);
      }
    }
  }
}
