package dev.sieve.nn.saliency;

import dev.sieve.image.Planar;
import dev.sieve.image.saliency.SaliencyMap;
import dev.sieve.image.saliency.SaliencySource;
import dev.sieve.image.saliency.Slic;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.msroi.MsroiMap;
import dev.sieve.nn.msroi.MsroiOptions;

/** The MS-ROI map (thesis eq. 2.5) of an MS-ROI network as a {@link SaliencySource}; passes hold the model's monitor. */
public record MsroiSource(SieveModel model, MsroiOptions options) implements SaliencySource {
    @Override
    public String name() {
        return "msroi";
    }

    @Override
    public SaliencyMap map(Planar rgb) {
        return map(rgb, options, rgb.width(), rgb.height());
    }

    /**
     * The map at the segmentation's (working) size, the network seeing the image at most at that size: its
     * shorter side is the smaller of {@link MsroiOptions#shortSide} (0: native) and the working image's.
     */
    @Override
    public SaliencyMap map(Planar rgb, Slic.Segmentation seg) {
        int work = Math.min(seg.width(), seg.height());
        int side = options.shortSide() == 0 ? work : Math.min(options.shortSide(), work);
        return map(rgb, options.withShortSide(side), seg.width(), seg.height());
    }

    private SaliencyMap map(Planar rgb, MsroiOptions o, int w, int h) {
        synchronized (model) {
            return MsroiMap.compute(model, rgb, o, w, h).map();
        }
    }
}
