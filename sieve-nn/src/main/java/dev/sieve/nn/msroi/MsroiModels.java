package dev.sieve.nn.msroi;

import dev.sieve.nn.model.DjlClassifier;
import dev.sieve.nn.model.ModelFiles;
import dev.sieve.nn.model.Network;
import dev.sieve.nn.model.SieveModel;
import java.io.IOException;

/** Opens MS-ROI networks: the one shipped with Sieve ({@link #DEFAULT}) or a checkpoint. */
public final class MsroiModels {
    /** The built-in MS-ROI model (trained on synthetic Tux Paint scenes; see the README). */
    public static final String DEFAULT = "msroi-scenes";

    private MsroiModels() {
    }

    /** The built-in model. */
    public static SieveModel loadDefault() throws IOException {
        return ModelFiles.builtin(DEFAULT);
    }

    /** Whether {@code c} is an MS-ROI network: a Sieve model with the class-map head (thesis §2.3), the one test of it. */
    public static boolean isMsroi(DjlClassifier c) {
        return c instanceof SieveModel m && m.network().head() == Network.Head.CLASS_MAPS;
    }

    /** A built-in name or a Sieve checkpoint holding an MS-ROI network. */
    public static SieveModel open(String spec) throws IOException {
        DjlClassifier c = ModelFiles.open(spec, null, 224);
        if (isMsroi(c)) {
            return (SieveModel) c;
        }
        c.close();
        throw new IllegalArgumentException(spec + ": not an MS-ROI network (built-in: " + DEFAULT + ")");
    }
}
