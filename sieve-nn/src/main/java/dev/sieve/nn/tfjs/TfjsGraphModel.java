package dev.sieve.nn.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.nn.NnRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A TF.js graph model ({@code model.json} of format {@code graph-model}: a TensorFlow GraphDef as
 * JSON plus a weights manifest over {@code .bin} shards) run on DJL's PyTorch engine. Loading parses
 * the graph, dequantizes the weights and checks every op against {@link GraphOps#SUPPORTED}, so an
 * unsupported graph fails at once with one line naming the op and the model. Execution evaluates
 * only the nodes the requested outputs need, frees each intermediate after its last use, and is
 * safe to call from several threads.
 */
public final class TfjsGraphModel implements AutoCloseable {
    /**
     * How a ResizeBilinear node whose target size is a constant resizes. Converters fold the target a
     * graph computes from its feature map (Keras' UpSampling2D: twice the input's size) into a constant
     * of the declared input shape, so as stored the graph runs only at that shape.
     */
    public enum ResizeTargets {
        /** The stored constant, as TF.js does: the graph runs at its declared input size. */
        STORED,
        /**
         * The constant's ratio to the node's input size at the declared input shape ({@link DeclaredSizes}),
         * applied to the actual input size and rounded, so a fully convolutional graph runs at other input sizes.
         * Other shape constants (reshapes of decoding tails) still hold the declared shape. Loading fails with one
         * line when the declared size of a resize's input cannot be derived.
         */
        FOLLOW_INPUT
    }

    private final String name;
    private final Map<String, GraphNode> nodes;
    private final List<String> inputs;
    private final Map<String, NDArray> constants;
    /** FOLLOW_INPUT: per constant-size ResizeBilinear node, {stored height, declared input height, stored width, declared input width}. */
    private final Map<String, int[]> resizeRatios;
    private final Map<String, NDArray> prepared = new ConcurrentHashMap<>();
    private final NDManager manager;

    private TfjsGraphModel(String name, Map<String, GraphNode> nodes, List<String> inputs, Map<String, NDArray> constants,
            Map<String, int[]> resizeRatios, NDManager manager) {
        this.name = name;
        this.nodes = nodes;
        this.inputs = inputs;
        this.constants = constants;
        this.resizeRatios = resizeRatios;
        this.manager = manager;
    }

    /** Reads {@code modelJson} and the weight shards it names (beside it); resizes as stored. */
    public static TfjsGraphModel load(Path modelJson) throws IOException {
        return load(modelJson, ResizeTargets.STORED);
    }

    /** Reads {@code modelJson} and the weight shards it names (beside it); constant resize targets as {@code resize} says. */
    public static TfjsGraphModel load(Path modelJson, ResizeTargets resize) throws IOException {
        String model = modelJson.toString();
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(modelJson));
        } catch (NoSuchFileException e) {
            throw new TfjsModelException(model + ": no such file");
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new TfjsModelException(model + ": not a JSON file" + (at == null ? "" : " (error at line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (java.io.CharConversionException e) {
            throw new TfjsModelException(model + ": not a JSON file (not UTF-8, -16 or -32 text)");
        }
        String format = root.path("format").asText("graph-model");
        JsonNode topology = root.path("modelTopology");
        if (!format.equals("graph-model") || !topology.has("node")) {
            throw new TfjsModelException(model + ": not a TF.js graph model (format '" + format + "', "
                    + (topology.has("node") ? "" : "no modelTopology.node; layers models are not supported") + ")");
        }
        if (topology.has("library") && topology.path("library").has("function") && !topology.path("library").path("function").isEmpty()) {
            throw new TfjsModelException(model + ": graph functions (control flow) are not supported");
        }
        Map<String, GraphNode> nodes = new LinkedHashMap<>();
        List<String> inputs = new ArrayList<>();
        for (JsonNode n : topology.path("node")) {
            GraphNode node = GraphNode.of(n);
            if (!GraphOps.SUPPORTED.contains(node.op())) {
                throw new TfjsModelException(model + ": op '" + node.op() + "' (node " + node.name()
                        + ") is not supported by Sieve's TF.js runtime (supported: " + GraphOps.supportedList() + ")");
            }
            nodes.put(node.name(), node);
            if (node.op().equals("Placeholder")) {
                inputs.add(node.name());
            }
        }
        for (GraphNode node : nodes.values()) {
            for (String in : node.inputs()) {
                if (!nodes.containsKey(GraphNode.producer(in))) {
                    throw new TfjsModelException(model + ": node " + node.name() + " reads missing node " + in);
                }
            }
        }
        Map<String, HostTensor> weights = WeightsManifest.read(root.get("weightsManifest"), modelJson.toAbsolutePath().getParent(), model);
        Map<String, int[]> ratios = resize == ResizeTargets.FOLLOW_INPUT ? resizeRatios(nodes, weights, model) : Map.of();
        NnRuntime.requireAnyConvolution("the TF.js graph " + model);
        NDManager manager = NnRuntime.engine().newBaseManager();
        Map<String, NDArray> constants = new HashMap<>();
        for (GraphNode node : nodes.values()) {
            if (node.op().equals("Const")) {
                HostTensor t = weights.get(node.name());
                if (t == null) {
                    manager.close();
                    throw new TfjsModelException(model + ": constant " + node.name() + " has no weights in the manifest");
                }
                constants.put(node.name(), t.toNd(manager));
            }
        }
        String base = modelJson.getFileName().toString().replaceFirst("\\.json$", "");
        return new TfjsGraphModel(base, Collections.unmodifiableMap(nodes), List.copyOf(inputs), constants, ratios, manager);
    }

    /** For {@link ResizeTargets#FOLLOW_INPUT}: each constant-size ResizeBilinear's stored target and its input's declared size. */
    private static Map<String, int[]> resizeRatios(Map<String, GraphNode> nodes, Map<String, HostTensor> weights, String model)
            throws TfjsModelException {
        DeclaredSizes sizes = new DeclaredSizes(nodes, weights);
        Map<String, int[]> ratios = new HashMap<>();
        for (GraphNode n : nodes.values()) {
            if (!n.op().equals("ResizeBilinear")) {
                continue;
            }
            int[] target = sizes.intValues(n.inputs().get(1));
            if (target == null) {
                continue; // computed at run time: follows the input already
            }
            int[] in = sizes.of(n.inputs().get(0));
            if (in == null || target.length != 2) {
                throw new TfjsModelException(model + ": ResizeBilinear node " + n.name()
                        + ": the size of its input at the declared input shape cannot be derived, so its target cannot follow the input");
            }
            ratios.put(n.name(), new int[] {target[0], in[0], target[1], in[1]});
        }
        return Collections.unmodifiableMap(ratios);
    }

    /** The model's name (its file name without {@code .json}). */
    public String name() {
        return name;
    }

    /** The graph's input nodes (placeholders), in graph order. */
    public List<String> inputs() {
        return inputs;
    }

    /** The op types of the graph, sorted. */
    public Set<String> ops() {
        Set<String> s = new java.util.TreeSet<>();
        nodes.values().forEach(n -> s.add(n.op()));
        return s;
    }

    /**
     * Evaluates the graph: {@code feeds} maps input node names to tensors (TensorFlow layout, e.g.
     * NHWC float32); returns the tensors of {@code outputs} ({@code node} or {@code node:k}) in
     * TensorFlow layout, attached to {@code resultManager}.
     */
    public NDList execute(Map<String, NDArray> feeds, List<String> outputs, NDManager resultManager) {
        for (String in : feeds.keySet()) {
            GraphNode n = nodes.get(in);
            if (n == null || !n.op().equals("Placeholder")) {
                throw new IllegalArgumentException(name + ": no input node '" + in + "' (inputs: " + inputs + ")");
            }
        }
        List<String> order = order(outputs, feeds);
        Map<String, Integer> uses = new HashMap<>();
        for (String n : order) {
            for (String in : nodes.get(n).inputs()) {
                uses.merge(key(in), 1, Integer::sum);
            }
        }
        for (String out : outputs) {
            uses.merge(key(out), 1, Integer::sum);
        }
        Map<NDArray, Boolean> foreign = new IdentityHashMap<>();
        feeds.values().forEach(a -> foreign.put(a, true));
        constants.values().forEach(a -> foreign.put(a, true));
        try (NDManager scope = resultManager.newSubManager()) {
            Map<String, LayoutArray[]> values = new HashMap<>();
            Map<NDArray, Integer> live = new IdentityHashMap<>();
            for (String n : order) {
                GraphNode node = nodes.get(n);
                LayoutArray[] out = switch (node.op()) {
                    case "Placeholder" -> new LayoutArray[] {LayoutArray.plain(feeds.get(n))};
                    case "Const" -> new LayoutArray[] {LayoutArray.plain(constants.get(n))};
                    default -> evaluate(node, values, scope, foreign);
                };
                values.put(n, out);
                for (int k = 0; k < out.length; k++) {
                    NDArray a = out[k].array();
                    if (!foreign.containsKey(a)) {
                        a.attach(scope);
                        live.merge(a, uses.getOrDefault(n + ":" + k, 0), Integer::sum);
                    }
                }
                for (String in : node.inputs()) {
                    NDArray a = values.get(GraphNode.producer(in))[GraphNode.outputIndex(in)].array();
                    Integer left = live.computeIfPresent(a, (x, c) -> c - 1);
                    if (left != null && left <= 0) {
                        live.remove(a);
                        a.close();
                    }
                }
            }
            NDList result = new NDList();
            for (String out : outputs) {
                LayoutArray[] v = values.get(GraphNode.producer(out));
                NDArray a = v[GraphNode.outputIndex(out)].tf();
                if (foreign.containsKey(a)) {
                    a = a.duplicate();
                }
                a.attach(resultManager);
                result.add(a);
            }
            return result;
        }
    }

    private static String key(String input) {
        return GraphNode.producer(input) + ":" + GraphNode.outputIndex(input);
    }

    /**
     * Runs one op in its own sub-manager, so its temporaries (padded copies, transposed views) are
     * freed as soon as it returns; its outputs move to {@code scope}.
     */
    private LayoutArray[] evaluate(GraphNode node, Map<String, LayoutArray[]> values, NDManager scope, Map<NDArray, Boolean> foreign) {
        List<LayoutArray> in = new ArrayList<>(node.inputs().size());
        for (String i : node.inputs()) {
            LayoutArray[] v = values.get(GraphNode.producer(i));
            int k = GraphNode.outputIndex(i);
            if (k >= v.length) {
                throw new IllegalArgumentException(name + ": node " + node.name() + " reads output " + k + " of a node with " + v.length);
            }
            in.add(v[k]);
        }
        if (node.op().equals("Identity")) {
            return new LayoutArray[] {in.get(0)};
        }
        boolean conv = node.op().contains("Conv2D") || node.op().contains("Depthwise");
        try (NDManager opScope = scope.newSubManager()) {
            Map<NDArray, Boolean> borrowed = new IdentityHashMap<>();
            for (int k = 0; k < in.size(); k++) {
                LayoutArray a = in.get(k);
                if (conv && k == 1) {
                    continue; // the filter: read from the prepared cache
                }
                if (foreign.containsKey(a.array())) {
                    // constants and feeds are shared: ops work on an op-owned copy
                    NDArray c = a.array().duplicate();
                    c.attach(opScope);
                    in.set(k, new LayoutArray(c, a.nchw()));
                } else if (borrowed.put(a.array(), true) == null) {
                    a.array().tempAttach(opScope);
                }
            }
            int[] ratio = resizeRatios.get(node.name());
            if (ratio != null) {
                Shape s = in.get(0).array().getShape();
                long h = s.get(in.get(0).nchw() ? 2 : 1), w = s.get(in.get(0).nchw() ? 3 : 2);
                int[] target = {(int) Math.round((double) h * ratio[0] / ratio[1]), (int) Math.round((double) w * ratio[2] / ratio[3])};
                in.set(1, LayoutArray.plain(opScope.create(target)));
            }
            LayoutArray[] out = GraphOps.run(node, in, this::prepare);
            for (LayoutArray o : out) {
                if (!borrowed.containsKey(o.array())) {
                    o.array().attach(scope);
                }
            }
            return out;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + ": node " + node.name() + " (" + node.op() + "): " + e.getMessage(), e);
        }
    }

    private NDArray prepare(String input, String kind, Function<NDArray, NDArray> convert) {
        String node = GraphNode.producer(input);
        NDArray c = constants.get(node);
        if (c == null) {
            throw new IllegalArgumentException("filter " + input + " is not a constant");
        }
        return prepared.computeIfAbsent(kind + "\0" + node, k -> {
            NDArray p = convert.apply(c).duplicate();
            p.attach(manager);
            return p;
        });
    }

    /** The nodes {@code outputs} depend on, in an order where every node follows its inputs. */
    private List<String> order(List<String> outputs, Map<String, NDArray> feeds) {
        List<String> order = new ArrayList<>();
        Set<String> done = new java.util.HashSet<>();
        Set<String> onPath = new java.util.HashSet<>();
        Deque<String[]> stack = new ArrayDeque<>();
        for (String out : outputs) {
            String root = GraphNode.producer(out);
            if (!nodes.containsKey(root)) {
                throw new IllegalArgumentException(name + ": no node '" + root + "'");
            }
            stack.push(new String[] {root, "0"});
            while (!stack.isEmpty()) {
                String[] top = stack.peek();
                String n = top[0];
                if (done.contains(n)) {
                    stack.pop();
                    continue;
                }
                GraphNode node = nodes.get(n);
                int next = Integer.parseInt(top[1]);
                onPath.add(n);
                if (node.op().equals("Placeholder") && !feeds.containsKey(n)) {
                    throw new IllegalArgumentException(name + ": input '" + n + "' is needed but not given");
                }
                if (next < node.inputs().size()) {
                    top[1] = String.valueOf(next + 1);
                    String dep = GraphNode.producer(node.inputs().get(next));
                    if (onPath.contains(dep) && !done.contains(dep)) {
                        throw new IllegalArgumentException(name + ": the graph has a cycle through " + dep);
                    }
                    if (!done.contains(dep)) {
                        stack.push(new String[] {dep, "0"});
                    }
                } else {
                    stack.pop();
                    onPath.remove(n);
                    done.add(n);
                    order.add(n);
                }
            }
        }
        return order;
    }

    @Override
    public void close() {
        manager.close();
    }
}
