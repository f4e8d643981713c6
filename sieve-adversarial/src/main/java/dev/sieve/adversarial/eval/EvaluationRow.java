package dev.sieve.adversarial.eval;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One cell of a defense table: an attack (or {@code clean}) against one defense, over the images
 * the model classified correctly. Accuracies are top-1 fractions in [0, 1]: without defense, with
 * one run of the defense, and with the majority vote of {@code ensemble} runs (Ens-N); destruction
 * rates per {@link DestructionRate}. Perturbation norms are means over the images the attack
 * fooled (normalized L2 = RMSE and L∞, both on [0, 1] samples); NaN where none was fooled.
 * {@code mse}, {@code ssim} and {@code psnr} compare the defended image (first run) with the clean
 * image, as means over the images ({@link ImageQuality}); NaN when the evaluation did not measure
 * them ({@link DefenseEvaluation.Config#imageQuality()}). Written to JSON with snake_case keys.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EvaluationRow(String attack, String attackSpec, String defense, String defenseSpec, boolean adaptive, int images,
        double attackSuccess, double meanL2, double meanLinf, double accuracyNoDefense, double accuracySingle,
        double accuracyEnsemble, double destructionSingle, double destructionEnsemble, double attackSeconds,
        double mse, double ssim, double psnr) {
}
