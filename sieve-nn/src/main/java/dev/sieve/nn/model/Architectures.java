package dev.sieve.nn.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import dev.sieve.nn.ConvolutionAlignment;
import dev.sieve.nn.NnRuntime;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The model zoo, by name:
 * <ul>
 *   <li>{@code cN-X}: the vanilla {@code C^n(X)} of thesis §5.4, {@code [conv3×3(X) → ReLU]^n → FC}
 *       (padding 1, no pooling, so FC sees every position); {@code cN-X-gap} puts global average
 *       pooling before FC so class activation maps exist.</li>
 *   <li>{@code resnet20/32/56/110}: He et al. 2016 §4.2 for 32×32 inputs, 3 stages of
 *       {@code (depth−2)/6} basic units with 16/32/64 filters; projection shortcuts (option B)
 *       where the shape changes.</li>
 *   <li>{@code resnet18/34/50/101/152}: torchvision's ImageNet ResNets (same parameter names, so
 *       torchvision state dicts import), global-average-pooling head.</li>
 *   <li>{@code vgg16/19}: torchvision's {@code features} (same indices) without the last max pool,
 *       then global average pooling and one {@code fc}, the CAM variant of Zhou et al. 2016.</li>
 *   <li>{@code msroi-S-W[xD][-bn]}: the MS-ROI network of thesis §2.5,
 *       {@code [[conv3×3 → ReLU]^2 → maxpool2×2]^S} with W filters in the first stage, doubling per
 *       stage up to 8W, then the MS-ROI head ({@link #msroiHead}) with D filters per class
 *       (default 8), batch normalization after each convolution with {@code -bn}; {@code msroi} is
 *       {@code msroi-5-64} (VGG widths 64…512).</li>
 *   <li>{@code msroi-vgg16}, {@code msroi-resnet18/34/50}: the MS-ROI head on torchvision's VGG-16
 *       {@code features} (without the last max pool) or ResNet trunk ({@code conv1 … layer4}), with
 *       torchvision's parameter names so ImageNet weights import into the backbone.</li>
 * </ul>
 */
public final class Architectures {
    /** Names to show in help texts. */
    public static final List<String> NAMES = List.of("c3-32", "cN-X", "cN-X-gap", "resnet20", "resnet32", "resnet56",
            "resnet110", "resnet18", "resnet34", "resnet50", "resnet101", "resnet152", "vgg16", "vgg19",
            "msroi", "msroi-S-W[xD][-bn]", "msroi-vgg16", "msroi-resnet18", "msroi-resnet34", "msroi-resnet50");
    /** MS-ROI head filters per class when the name does not say. */
    public static final int MSROI_PER_CLASS = 8;
    private static final Pattern VANILLA = Pattern.compile("c(\\d+)-(\\d+)(-gap)?");
    private static final Pattern MSROI = Pattern.compile("msroi-(\\d+)-(\\d+)(?:x(\\d+))?(-bn)?");
    private static final int[] VGG16 = {64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512};

    private Architectures() {
    }

    /**
     * Runs oneDNN's faster kernels for aligned convolutions in this process ({@link NnRuntime#useAlignedKernels})
     * when every convolution of every named architecture is aligned ({@link ConvolutionAlignment#planned}); call
     * before anything starts the engine. True when the process now runs them.
     */
    public static boolean useAlignedKernels(List<String> names) {
        for (String name : names) {
            if (!ConvolutionAlignment.planned(build(name, 2))) {
                return false;
            }
        }
        return NnRuntime.useAlignedKernels();
    }

    /** Builds {@code name} with {@code classes} outputs (parameters uninitialized). */
    public static Network build(String name, int classes) {
        String n = name.toLowerCase(Locale.ROOT);
        Matcher m = VANILLA.matcher(n);
        if (m.matches()) {
            return vanilla(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3) != null, classes);
        }
        Matcher r = MSROI.matcher(n);
        if (r.matches()) {
            return msroi(Integer.parseInt(r.group(1)), Integer.parseInt(r.group(2)),
                    r.group(3) == null ? MSROI_PER_CLASS : Integer.parseInt(r.group(3)), r.group(4) != null, classes);
        }
        return switch (n) {
            case "resnet20", "resnet32", "resnet56", "resnet110" -> cifarResNet(Integer.parseInt(n.substring(6)), classes);
            case "resnet18" -> imageNetResNet(new int[] {2, 2, 2, 2}, false, classes);
            case "resnet34" -> imageNetResNet(new int[] {3, 4, 6, 3}, false, classes);
            case "resnet50" -> imageNetResNet(new int[] {3, 4, 6, 3}, true, classes);
            case "resnet101" -> imageNetResNet(new int[] {3, 4, 23, 3}, true, classes);
            case "resnet152" -> imageNetResNet(new int[] {3, 8, 36, 3}, true, classes);
            case "vgg16" -> vgg(VGG16, classes);
            case "msroi" -> msroi(5, 64, MSROI_PER_CLASS, false, classes);
            case "msroi-vgg16" -> new Network(Network.Head.CLASS_MAPS).stage("features", vggFeatures(VGG16))
                    .classMaps(msroiHead(classes, MSROI_PER_CLASS));
            case "msroi-resnet18" -> resNetTrunk(new Network(Network.Head.CLASS_MAPS), new int[] {2, 2, 2, 2}, false)
                    .classMaps(msroiHead(classes, MSROI_PER_CLASS));
            case "msroi-resnet34" -> resNetTrunk(new Network(Network.Head.CLASS_MAPS), new int[] {3, 4, 6, 3}, false)
                    .classMaps(msroiHead(classes, MSROI_PER_CLASS));
            case "msroi-resnet50" -> resNetTrunk(new Network(Network.Head.CLASS_MAPS), new int[] {3, 4, 6, 3}, true)
                    .classMaps(msroiHead(classes, MSROI_PER_CLASS));
            case "vgg19" -> vgg(new int[] {64, 64, 0, 128, 128, 0, 256, 256, 256, 256, 0, 512, 512, 512, 512, 0, 512, 512, 512, 512}, classes);
            default -> throw new IllegalArgumentException("unknown architecture '" + name + "' (known: " + String.join(", ", NAMES) + ")");
        };
    }

    /** {@code C^n(X)} (thesis §5.4). */
    public static Network vanilla(int layers, int filters, boolean gap, int classes) {
        if (layers < 1 || layers > 64 || filters < 1 || filters > 4096) {
            throw new IllegalArgumentException("C^n(X) needs 1 ≤ n ≤ 64 layers and 1 ≤ X ≤ 4096 filters, got n=" + layers + ", X=" + filters);
        }
        Network net = new Network(gap ? Network.Head.GLOBAL_AVERAGE : Network.Head.FLATTEN);
        for (int i = 1; i <= layers; i++) {
            net.stage("conv" + i, Conv2d.builder().setFilters(filters).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).build());
            net.stage("relu" + i, Activation.reluBlock());
        }
        return net.classifier(classes);
    }

    /** ResNet-{@code depth} for 32×32 inputs (He et al. 2016 §4.2). */
    public static Network cifarResNet(int depth, int classes) {
        if ((depth - 2) % 6 != 0 || depth < 8) {
            throw new IllegalArgumentException("CIFAR ResNet depth must be 6n+2, got " + depth);
        }
        int n = (depth - 2) / 6;
        Network net = new Network(Network.Head.GLOBAL_AVERAGE)
                .stage("conv1", ResidualUnit.conv(16, 3, 1))
                .stage("bn1", BatchNorm.builder().build())
                .stage("relu", Activation.reluBlock());
        int in = 16;
        for (int s = 0; s < 3; s++) {
            int out = 16 << s;
            NamedSequential layer = new NamedSequential();
            for (int u = 0; u < n; u++) {
                layer.add(Integer.toString(u), ResidualUnit.basic(in, out, u == 0 && s > 0 ? 2 : 1));
                in = out;
            }
            net.stage("layer" + (s + 1), layer);
        }
        return net.classifier(classes);
    }

    /** torchvision's ResNet with basic or bottleneck units. */
    public static Network imageNetResNet(int[] units, boolean bottleneck, int classes) {
        return resNetTrunk(new Network(Network.Head.GLOBAL_AVERAGE), units, bottleneck).classifier(classes);
    }

    /** Appends torchvision's ResNet trunk ({@code conv1 … layer4}) to {@code net}. */
    private static Network resNetTrunk(Network net, int[] units, boolean bottleneck) {
        net.stage("conv1", ResidualUnit.conv(64, 7, 2))
                .stage("bn1", BatchNorm.builder().build())
                .stage("relu", Activation.reluBlock())
                .stage("maxpool", Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
        int in = 64;
        for (int s = 0; s < 4; s++) {
            int width = 64 << s;
            NamedSequential layer = new NamedSequential();
            for (int u = 0; u < units[s]; u++) {
                int stride = u == 0 && s > 0 ? 2 : 1;
                layer.add(Integer.toString(u), bottleneck ? ResidualUnit.bottleneck(in, width, stride) : ResidualUnit.basic(in, width, stride));
                in = bottleneck ? 4 * width : width;
            }
            net.stage("layer" + (s + 1), layer);
        }
        return net;
    }

    /** VGG with torchvision's {@code features} indices; {@code 0} in {@code cfg} is a 2×2 max pool. */
    public static Network vgg(int[] cfg, int classes) {
        return new Network(Network.Head.GLOBAL_AVERAGE).stage("features", vggFeatures(cfg)).classifier(classes);
    }

    private static NamedSequential vggFeatures(int[] cfg) {
        NamedSequential features = new NamedSequential();
        int idx = 0;
        for (int c : cfg) {
            if (c == 0) {
                features.add(Integer.toString(idx++), Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
            } else {
                features.add(Integer.toString(idx++), Conv2d.builder().setFilters(c).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).build());
                features.add(Integer.toString(idx++), Activation.reluBlock());
            }
        }
        return features;
    }

    /**
     * The MS-ROI network of thesis §2.5: {@code stages} × {@code [[conv3×3 → ReLU]^2 → maxpool2×2]}
     * named {@code stageS.convK}, widths {@code width·2^s} capped at {@code 8·width}, then
     * {@link #msroiHead}; with {@code batchNorm} (name suffix {@code -bn}) each convolution is followed by
     * batch normalization ({@code stageS.bnK}), which trains much faster from scratch. Fully
     * convolutional: any input size (multiples of {@code 2^stages} keep maps aligned).
     */
    public static Network msroi(int stages, int width, int perClass, boolean batchNorm, int classes) {
        if (stages < 1 || stages > 8 || width < 1 || width > 1024 || perClass < 1 || perClass > 256) {
            throw new IllegalArgumentException("msroi-S-WxD needs 1 ≤ S ≤ 8 stages, 1 ≤ W ≤ 1024 filters and 1 ≤ D ≤ 256 per class, got S="
                    + stages + ", W=" + width + ", D=" + perClass);
        }
        Network net = new Network(Network.Head.CLASS_MAPS);
        for (int s = 0; s < stages; s++) {
            int w = width * Math.min(8, 1 << s);
            NamedSequential stage = new NamedSequential();
            for (int k = 1; k <= 2; k++) {
                stage.add("conv" + k, Conv2d.builder().setFilters(w).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).build());
                if (batchNorm) {
                    stage.add("bn" + k, BatchNorm.builder().build());
                }
                stage.add("relu" + k, Activation.reluBlock());
            }
            stage.add("pool", Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
            net.stage("stage" + (s + 1), stage);
        }
        return net.classMaps(msroiHead(classes, perClass));
    }

    /**
     * The MS-ROI head (thesis §2.3): {@code 0}: conv3×3 to {@code classes·perClass} filters, the
     * first {@code perClass} belonging to class 0 and so on (class-specific features {@code f_d^c}
     * over shared lower layers); {@code 1}: ReLU; {@code 2}: a grouped 1×1 convolution (one group per
     * class) giving each class's score map {@code s^c(x, y) = Σ_d w_d^c f_d^c(x, y) + b^c}.
     */
    public static NamedSequential msroiHead(int classes, int perClass) {
        return new NamedSequential()
                .add("0", Conv2d.builder().setFilters(classes * perClass).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).build())
                .add("1", Activation.reluBlock())
                .add("2", Conv2d.builder().setFilters(classes).setKernelShape(new Shape(1, 1)).optGroups(classes).build());
    }
}
