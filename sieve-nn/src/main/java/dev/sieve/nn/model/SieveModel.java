package dev.sieve.nn.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import dev.sieve.image.Planar;
import dev.sieve.nn.NnRuntime;
import dev.sieve.nn.cam.ActivationSource;
import dev.sieve.nn.cam.Activations;
import dev.sieve.nn.data.ImageFit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Sieve-native model: a {@link Network} from {@link Architectures} with its {@link ModelInfo}.
 * Checkpoints are safetensors files whose tensors carry PyTorch state-dict names and whose
 * metadata entry {@code sieve.model} holds the description, so {@code --model FILE} is all a user
 * passes and torchvision weights share the format.
 */
public final class SieveModel extends DjlClassifier implements ActivationSource {
    /** Metadata key of the model description. */
    public static final String METADATA_KEY = "sieve.model";
    private final ModelInfo info;
    private final Network network;

    private SieveModel(Model model, ModelInfo info, Network network) {
        super(model, info.input(), info.classes());
        this.info = info;
        this.network = network;
    }

    /** A new model with weights drawn from He (Kaiming) normal initialization, seeded. */
    public static SieveModel create(ModelInfo info, long seed) {
        NnRuntime.seed(seed);
        return build(info);
    }

    private static SieveModel build(ModelInfo info) {
        Network net = Architectures.build(info.architecture(), info.classes().size());
        Device device = NnRuntime.device();
        Model model = Model.newInstance(info.architecture(), device, NnRuntime.engine().getEngineName());
        net.setInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 2), Parameter.Type.WEIGHT);
        model.setBlock(net);
        InputSpec in = info.input();
        net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, in.channels(), in.height(), in.width()));
        try {
            NnRuntime.checkAligned(net, info.architecture());
        } catch (IllegalStateException e) {
            model.close();
            throw e;
        }
        return new SieveModel(model, info, net);
    }

    /** Loads a checkpoint written by {@link #save}. */
    public static SieveModel load(Path file) throws IOException {
        return load(Safetensors.read(file), file);
    }

    /** Builds the model a checkpoint's contents describe; {@code file} names it in errors. */
    public static SieveModel load(Safetensors.Contents c, Path file) {
        String json = c.metadata().get(METADATA_KEY);
        if (json == null) {
            throw new IllegalArgumentException(file + ": safetensors file without a Sieve model description"
                    + " (PyTorch weights must be imported with their architecture first)");
        }
        SieveModel m = build(ModelInfo.fromJson(json, file.toString()));
        try {
            StateDict.load(m.network, c.tensors(), file.toString(), false);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
        return m;
    }

    /**
     * Builds {@code info}'s architecture and fills it from a PyTorch state dict (torchvision names);
     * with {@code partial}, parameters the dict lacks keep their seeded initialization. Returns the
     * model; {@code unused} receives dict entries that matched nothing.
     */
    public static SieveModel fromStateDict(ModelInfo info, Map<String, Tensor> dict, String source, boolean partial, long seed,
            List<String> unused) {
        SieveModel m = create(info, seed);
        try {
            unused.addAll(StateDict.load(m.network, dict, source, partial));
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
        return m;
    }

    /** Writes this model as a checkpoint (atomically). */
    public void save(Path file) throws IOException {
        Safetensors.write(file, Map.of(METADATA_KEY, info.toJson()), StateDict.export(network));
    }

    public ModelInfo info() {
        return info;
    }

    public Network network() {
        return network;
    }

    /** The device the weights live on. */
    public Device device() {
        return model.getNDManager().getDevice();
    }

    @Override
    protected NDList forward(ParameterStore ps, NDArray normalized, boolean training) {
        return network.forward(ps, new NDList(normalized), training);
    }

    /**
     * Inference-mode forward pass of one CHW image of any size ({@code raw}, samples in [0, 255],
     * {@code channels × height × width} with the model's channel count); {@code afterStage} may
     * replace each feature stage's output (see {@link Network#forward(ParameterStore, NDArray, boolean,
     * ai.djl.util.PairList, java.util.function.UnaryOperator)}). Returns {@code (logits, features)}.
     */
    public NDList forwardImage(NDManager m, float[] raw, int height, int width, java.util.function.UnaryOperator<NDArray> afterStage) {
        NDArray x = m.create(raw, new Shape(1, input().channels(), height, width));
        return network.forward(store, normalize(x), false, null, afterStage);
    }

    /** Last-conv features and {@code fc} weights for {@code image} (fitted to the input first). */
    @Override
    public Activations activations(Planar image) {
        if (network.head() == Network.Head.CLASS_MAPS) {
            throw new IllegalArgumentException(info.architecture() + " is an MS-ROI network: its maps come from MsroiMap, not CAM");
        }
        InputSpec in = input();
        Planar fitted = ImageFit.fit(image, in.channels(), in.width(), in.height());
        float[] raw = new float[in.size()];
        ImageFit.copyChw(fitted, raw, 0);
        try (NDManager m = model.getNDManager().newSubManager()) {
            NDList out = forwardRaw(m, raw, 1);
            Shape f = out.get(1).getShape();
            float[] weights = StateDict.parameters(network.fc()).get("weight").getArray().toFloatArray();
            return new Activations((int) f.get(1), (int) f.get(2), (int) f.get(3), out.get(1).toFloatArray(),
                    out.get(0).toFloatArray(), weights, network.head() == Network.Head.FLATTEN);
        }
    }

    /** Names of the parameters, for reports. */
    public List<String> parameterNames() {
        return new ArrayList<>(StateDict.parameters(network).keySet());
    }
}
