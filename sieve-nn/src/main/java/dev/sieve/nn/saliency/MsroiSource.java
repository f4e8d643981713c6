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
        return map(rgb, rgb.width(), rgb.height());
    }

    /** The map at the segmentation's (working) size. */
    @Override
    public SaliencyMap map(Planar rgb, Slic.Segmentation seg) {
        return map(rgb, seg.width(), seg.height());
    }

    private SaliencyMap map(Planar rgb, int w, int h) {
        synchronized (model) {
            return MsroiMap.compute(model, rgb, options, w, h).map();
        }
    }
}
