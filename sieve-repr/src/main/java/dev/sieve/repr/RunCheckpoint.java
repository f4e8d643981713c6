package dev.sieve.repr;

import ai.djl.nn.Parameter;
import dev.sieve.image.io.AtomicFiles;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.model.StateDict;
import dev.sieve.nn.train.EpochResult;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a {@link ReprScheme} run needs to continue exactly after epoch {@code epochsDone}: the
 * network's parameters (BatchNorm running statistics included) and the optimizer's state by
 * parameter name, the active filter mask (RePr) with the dropped filters' pre-drop values, or the
 * active weight mask (DSD), the curves so far and each epoch's kernels and threads (a trailer that checkpoints
 * written before it lack: their epochs read as not recorded). The random streams need no state: every epoch's
 * shuffling and augmentation, and every drop's and re-initialization's randomness, derive from the
 * run's seed and the epoch. {@code fingerprint} names the configuration; a checkpoint of another
 * configuration is refused. Binary, big-endian, written whole through a temp file and an atomic
 * move, so a killed run leaves the previous epoch's checkpoint intact.
 */
public record RunCheckpoint(String fingerprint, int epochsDone, Map<String, float[]> parameters,
        Map<String, ResettableOptimizer.Snapshot> optimizer, boolean[][] filterDrop, float[][][] preDrop,
        Map<String, boolean[]> weightDrop, List<EpochResult> epochs, boolean[] prunedEpochs, double[] orthoSum,
        List<int[]> droppedPerLayer, double rankingSeconds, String[] kernels) {
    private static final int MAGIC = 0x53525031; // "SRP1"

    /** Copies the checkpoint's parameter values into {@code model} (of the architecture it was saved from). */
    public void restoreInto(SieveModel model, Path source) {
        restoreParameters(StateDict.parameters(model.network()), source);
    }

    /** Copies the checkpoint's parameter values into {@code named}; names and sizes must match exactly. */
    void restoreParameters(Map<String, Parameter> named, Path source) {
        if (!parameters.keySet().equals(named.keySet())) {
            throw new IllegalArgumentException(source + ": checkpoint parameters do not match the network");
        }
        for (Map.Entry<String, Parameter> e : named.entrySet()) {
            float[] v = parameters.get(e.getKey());
            if (v.length != e.getValue().getArray().size()) {
                throw new IllegalArgumentException(source + ": checkpoint tensor " + e.getKey() + " has " + v.length + " values, the network "
                        + e.getValue().getArray().size());
            }
            e.getValue().getArray().set(FloatBuffer.wrap(v));
        }
    }

    /** The run's curves and drops as a {@link ReprRun} (complete when {@code epochsDone} is the run's epoch count). */
    public ReprRun run() {
        return new ReprRun(epochs, prunedEpochs, droppedPerLayer, orthoSum, rankingSeconds, kernels);
    }

    /** Writes the checkpoint to {@code file} atomically. */
    public void save(Path file) throws IOException {
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
            out.writeInt(MAGIC);
            out.writeUTF(fingerprint);
            out.writeInt(epochsDone);
            out.writeInt(parameters.size());
            for (Map.Entry<String, float[]> e : parameters.entrySet()) {
                out.writeUTF(e.getKey());
                writeFloats(out, e.getValue());
            }
            out.writeInt(optimizer.size());
            for (Map.Entry<String, ResettableOptimizer.Snapshot> e : optimizer.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().updates());
                out.writeInt(e.getValue().state().length);
                for (float[] s : e.getValue().state()) {
                    writeFloats(out, s);
                }
            }
            out.writeBoolean(filterDrop != null);
            if (filterDrop != null) {
                out.writeInt(filterDrop.length);
                for (int l = 0; l < filterDrop.length; l++) {
                    writeBooleans(out, filterDrop[l]);
                    out.writeBoolean(preDrop != null && preDrop[l] != null);
                    if (preDrop != null && preDrop[l] != null) {
                        out.writeInt(preDrop[l].length);
                        for (float[] row : preDrop[l]) {
                            writeFloats(out, row);
                        }
                    }
                }
            }
            out.writeBoolean(weightDrop != null);
            if (weightDrop != null) {
                out.writeInt(weightDrop.size());
                for (Map.Entry<String, boolean[]> e : weightDrop.entrySet()) {
                    out.writeUTF(e.getKey());
                    writeBooleans(out, e.getValue());
                }
            }
            out.writeInt(epochs.size());
            for (EpochResult r : epochs) {
                out.writeInt(r.epoch());
                out.writeFloat(r.learningRate());
                for (double v : new double[] {r.trainLoss(), r.trainAccuracy(), r.testLoss(), r.testAccuracy(), r.seconds(), r.imagesPerSecond()}) {
                    out.writeDouble(v);
                }
            }
            writeBooleans(out, prunedEpochs);
            out.writeInt(orthoSum.length);
            for (double v : orthoSum) {
                out.writeDouble(v);
            }
            out.writeInt(droppedPerLayer.size());
            for (int[] d : droppedPerLayer) {
                out.writeInt(d.length);
                for (int v : d) {
                    out.writeInt(v);
                }
            }
            out.writeDouble(rankingSeconds);
            out.writeInt(kernels.length);
            for (String k : kernels) {
                out.writeUTF(k == null ? "" : k);
            }
            out.flush();
        });
    }

    /** Reads a checkpoint; a file that is not one, or is cut short, is an {@link IOException} naming it. */
    public static RunCheckpoint load(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + ": not a Sieve RePr checkpoint");
            }
            String fingerprint = in.readUTF();
            int epochsDone = in.readInt();
            Map<String, float[]> params = new LinkedHashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                params.put(in.readUTF(), readFloats(in));
            }
            Map<String, ResettableOptimizer.Snapshot> opt = new LinkedHashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                String name = in.readUTF();
                int updates = in.readInt();
                float[][] s = new float[in.readInt()][];
                for (int k = 0; k < s.length; k++) {
                    s[k] = readFloats(in);
                }
                opt.put(name, new ResettableOptimizer.Snapshot(updates, s));
            }
            boolean[][] filterDrop = null;
            float[][][] preDrop = null;
            if (in.readBoolean()) {
                int layers = in.readInt();
                filterDrop = new boolean[layers][];
                preDrop = new float[layers][][];
                for (int l = 0; l < layers; l++) {
                    filterDrop[l] = readBooleans(in);
                    if (in.readBoolean()) {
                        preDrop[l] = new float[in.readInt()][];
                        for (int f = 0; f < preDrop[l].length; f++) {
                            preDrop[l][f] = readFloats(in);
                        }
                    }
                }
            }
            Map<String, boolean[]> weightDrop = null;
            if (in.readBoolean()) {
                weightDrop = new LinkedHashMap<>();
                for (int i = in.readInt(); i > 0; i--) {
                    weightDrop.put(in.readUTF(), readBooleans(in));
                }
            }
            List<EpochResult> epochs = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                epochs.add(new EpochResult(in.readInt(), in.readFloat(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
                        in.readDouble(), in.readDouble()));
            }
            boolean[] pruned = readBooleans(in);
            double[] ortho = new double[in.readInt()];
            for (int i = 0; i < ortho.length; i++) {
                ortho[i] = in.readDouble();
            }
            List<int[]> dropped = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                int[] d = new int[in.readInt()];
                for (int k = 0; k < d.length; k++) {
                    d[k] = in.readInt();
                }
                dropped.add(d);
            }
            double rankingSeconds = in.readDouble();
            String[] kernels = new String[pruned.length];
            int recorded;
            try {
                recorded = in.readInt();
            } catch (java.io.EOFException e) {
                recorded = 0; // written before kernels were recorded
            }
            for (int i = 0; i < recorded; i++) {
                String k = in.readUTF();
                if (i < kernels.length) {
                    kernels[i] = k.isEmpty() ? null : k;
                }
            }
            return new RunCheckpoint(fingerprint, epochsDone, params, opt, filterDrop, preDrop, weightDrop, epochs, pruned, ortho, dropped,
                    rankingSeconds, kernels);
        } catch (java.io.EOFException | java.io.UTFDataFormatException | NegativeArraySizeException | OutOfMemoryError e) {
            throw new IOException(file + ": truncated or damaged checkpoint", e);
        }
    }

    private static void writeFloats(DataOutputStream out, float[] v) throws IOException {
        out.writeInt(v.length);
        for (float x : v) {
            out.writeFloat(x);
        }
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        float[] v = new float[in.readInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readFloat();
        }
        return v;
    }

    private static void writeBooleans(DataOutputStream out, boolean[] v) throws IOException {
        out.writeInt(v.length);
        for (boolean x : v) {
            out.writeBoolean(x);
        }
    }

    private static boolean[] readBooleans(DataInputStream in) throws IOException {
        boolean[] v = new boolean[in.readInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readBoolean();
        }
        return v;
    }
}
