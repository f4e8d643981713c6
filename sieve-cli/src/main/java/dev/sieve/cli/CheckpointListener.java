package dev.sieve.cli;

import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.train.EpochResult;
import dev.sieve.nn.train.TrainingListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;

/**
 * Progress bar per epoch naming the model and epoch (or, when bars are off, one line per finished
 * epoch on {@code err}) and, after each epoch, {@code epoch-NNN.safetensors}, {@code model.safetensors}
 * (atomically replaced), {@code log.csv} and {@code curves.png} in the output folder.
 */
final class CheckpointListener implements TrainingListener, AutoCloseable {
    private final SieveModel model;
    private final Path out;
    private final int epochs;
    private final int imagesPerEpoch;
    private final String title;
    private final PrintWriter err;
    private final List<EpochResult> done = new ArrayList<>();
    private ProgressBar bar;

    /** {@code title} names the model and data in the bar, the epoch lines and the plot. */
    CheckpointListener(SieveModel model, Path out, int epochs, int imagesPerEpoch, String title, PrintWriter err) {
        this.err = err;
        this.model = model;
        this.out = out;
        this.epochs = epochs;
        this.imagesPerEpoch = imagesPerEpoch;
        this.title = title;
    }

    /** Epochs finished so far. */
    List<EpochResult> done() {
        return done;
    }

    @Override
    public void batch(int epoch, int images, double loss, double accuracy) {
        if (bar == null) {
            bar = Progress.bar(String.format(Locale.ROOT, "%s, epoch %d/%d", title, epoch, epochs), imagesPerEpoch);
        }
        bar.stepBy(images);
        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f acc %.2f%%", loss, 100 * accuracy));
    }

    @Override
    public void epoch(EpochResult r) {
        if (bar != null) {
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f acc %.2f%% test %.2f%%", r.trainLoss(),
                    100 * r.trainAccuracy(), 100 * r.testAccuracy()));
            bar.close();
            bar = null;
        }
        if (!Progress.shown() && !Progress.quiet()) {
            err.printf(Locale.ROOT, "%s, epoch %d/%d: loss %.4f, train accuracy %.2f %%, test %.2f %%, %.1f s%n", title, r.epoch(), epochs,
                    r.trainLoss(), 100 * r.trainAccuracy(), 100 * r.testAccuracy(), r.seconds());
            err.flush();
        }
        done.add(r);
        try {
            Path ckpt = out.resolve(String.format(Locale.ROOT, "epoch-%03d.safetensors", r.epoch()));
            model.save(ckpt);
            Path tmp = Files.createTempFile(out, ".model.", ".part");
            Files.copy(ckpt, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, out.resolve("model.safetensors"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            TrainingCurves.writeCsv(out.resolve("log.csv"), done);
            TrainingCurves.writePng(out.resolve("curves.png"), done, title);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
