package dev.sieve.adversarial.defense;

import dev.sieve.image.Planar;
import dev.sieve.image.defense.DefenseRegistry;
import dev.sieve.image.defense.PixelDeflectionDefense;
import dev.sieve.image.saliency.SaliencyMap;
import dev.sieve.jpeg.JpegDefense;
import dev.sieve.nn.cam.ClassActivationMaps;
import dev.sieve.nn.model.Classifier;
import dev.sieve.nn.model.SieveModel;

/** The full defense registry of Sieve: {@link JpegDefense#registry()} plus the semantic quantization stages of thesis ch. 3. */
public final class Defenses {
    /** The thesis' method (§4.8, Table 4.1): pixel deflection, then BayesShrink wavelet denoising. */
    public static final String THESIS = "deflect:k=100,w=10|wavelet:method=bayes,sigma=0.04";

    private Defenses() {
    }

    /**
     * {@code deflect}, {@code wavelet}, {@code bitdepth}, {@code median}, {@code nlmeans},
     * {@code resizepad}, {@code tvm}, {@code bilateral}, {@code anisotropic}, {@code deconv}, {@code jpeg},
     * {@code msroi-jpeg} and {@code aug-msroi-jpeg} ({@link SemanticQuantization}), {@code quilting}
     * (image folders fitted to 3 × 224 × 224; {@link #registry(Classifier)} fits them to the model).
     */
    public static DefenseRegistry registry() {
        return JpegDefense.registry()
                .with(SemanticQuantization.MSROI, p -> SemanticQuantization.fromParams(p, false))
                .with(SemanticQuantization.AUG_MSROI, p -> SemanticQuantization.fromParams(p, true))
                .with("quilting", p -> Quilting.fromParams(p, 3, 224));
    }

    /**
     * {@link #registry()} for a pipeline that defends {@code defended}: {@code deflect:map=rcam}
     * guides pixel deflection by that classifier's R-CAM (thesis eq. 4.5, the top-K classes of each
     * image, computed per image; Table 4.6's PD + R-CAM rows). A classifier without class activation
     * maps (TorchScript, an MS-ROI network) refuses {@code map=rcam} with one line.
     */
    public static DefenseRegistry registry(Classifier defended) {
        var in = defended.input();
        return registry().with("deflect", p -> PixelDeflectionDefense.fromParams(p, top -> rcam(defended, top)))
                .with("quilting", p -> Quilting.fromParams(p, in.channels(), in.height()));
    }

    private static PixelDeflectionDefense.Guide rcam(Classifier defended, int top) {
        if (!(defended instanceof SieveModel source) || dev.sieve.nn.msroi.MsroiModels.isMsroi(source)) {
            throw new IllegalArgumentException("stage 'deflect': map=rcam needs a Sieve classifier with class activation maps, not "
                    + (defended instanceof SieveModel ? "an MS-ROI network" : "a TorchScript model"));
        }
        int k = Math.min(top, defended.numClasses());
        return new PixelDeflectionDefense.Guide() {
            @Override
            public SaliencyMap map(Planar img) {
                synchronized (source) {
                    return ClassActivationMaps.rcam(source, img, k);
                }
            }

            @Override
            public String spec() {
                return "map=rcam,top=" + k;
            }
        };
    }
}
