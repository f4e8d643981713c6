package dev.sieve.nn.train;

import java.util.Locale;

/** A training run stopped because a batch's data loss was not finite or exceeded {@link Training#EXPLODED}. */
public final class TrainingDivergedException extends IllegalStateException {
    public TrainingDivergedException(int epoch, int batch, float loss) {
        super(String.format(Locale.ROOT, "training diverged in epoch %d, batch %d (loss %s); lower the learning rate", epoch, batch,
                Float.isFinite(loss) ? String.format(Locale.ROOT, "%.4g", loss) : Float.toString(loss)));
    }
}
