package dev.sieve.nn;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a network's convolutions are <em>aligned</em>: at most 8, or a multiple of 8, input channels per group.
 * On this project's family-26 CPUs oneDNN's AVX kernels compute those right and others wrong
 * ({@link ConvolutionSelfCheck}), so a process whose networks are aligned may run them ({@link NnRuntime#useAlignedKernels}).
 */
public final class ConvolutionAlignment {
    private ConvolutionAlignment() {
    }

    /** Whether {@code inChannels} input channels per group are aligned (at most 8, or a multiple of 8). */
    public static boolean aligned(long inChannels) {
        return inChannels <= 8 || inChannels % 8 == 0;
    }

    /**
     * Whether every convolution of a not yet initialized network, fed an image of at most 8 channels (Sieve's data
     * sets have 1 or 3), will be aligned. Every convolution of the zoo reads the input or the output of another
     * convolution (no channel concatenation), so its input channels are the image's or some convolution's filter
     * count: ungrouped convolutions need aligned filter counts, and a grouped one needs every such count it can
     * divide to give aligned channels per group. {@link #firstUnaligned} checks the initialized network.
     */
    public static boolean planned(Block network) {
        List<Convolution> convs = convolutions(network);
        List<Integer> widths = new ArrayList<>();
        for (Convolution c : convs) {
            widths.add(c.getFilters());
            if (c.getGroups() == 1 && !aligned(c.getFilters())) {
                return false;
            }
        }
        for (Convolution c : convs) {
            int g = c.getGroups();
            if (g > 1) {
                boolean readable = false;
                for (int w : widths) {
                    if (w % g == 0) {
                        readable = true;
                        if (!aligned(w / g)) {
                            return false;
                        }
                    }
                }
                if (!readable) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The first convolution of an initialized network whose input channels per group are not aligned, described; empty when all are. */
    public static Optional<String> firstUnaligned(Block network) {
        for (Convolution c : convolutions(network)) {
            for (Parameter p : c.getParameters().values()) {
                if (p.getType() == Parameter.Type.WEIGHT && p.isInitialized()) {
                    long perGroup = p.getArray().getShape().get(1);
                    if (!aligned(perGroup)) {
                        return Optional.of("a convolution with " + perGroup + " input channels" + (c.getGroups() > 1 ? " per group" : "")
                                + " (" + p.getName() + ")");
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static List<Convolution> convolutions(Block network) {
        List<Convolution> out = new ArrayList<>();
        collect(network, out);
        return out;
    }

    private static void collect(Block b, List<Convolution> out) {
        if (b instanceof Convolution c) {
            out.add(c);
        }
        for (Block child : b.getChildren().values()) {
            collect(child, out);
        }
    }
}
