package dev.sieve.adversarial.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The text forms of an {@link EvaluationReport}: results.csv, the Markdown tables of thesis Tables 3.1, 4.1 and 4.6–4.11, and the summary. */
public final class DefenseTables {
    private DefenseTables() {
    }

    /**
     * The summary of {@code r} (snake_case keys): model, data, preset and what the preset misses, counts, clean
     * accuracy, parameters, attacks, defenses, time, the rows and {@code checks}.
     */
    public static Map<String, Object> summary(EvaluationReport r, Preset p, int adaptiveEot, List<SanityCheck> checks) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("model", r.model());
        s.put("data", r.data());
        s.put("preset", p == null ? null : p.key());
        s.put("missing_from_preset", p == null ? null : p.missing());
        s.put("examined", r.examined());
        s.put("correct", r.correct());
        s.put("clean_accuracy", r.cleanAccuracy());
        s.put("ensemble", r.ensemble());
        s.put("budget", r.budget());
        s.put("samples", r.samples());
        s.put("adaptive_eot", adaptiveEot);
        s.put("image_quality", r.rows().stream().anyMatch(w -> !Double.isNaN(w.mse())));
        s.put("seed", r.seed());
        s.put("attacks", r.attacks());
        s.put("defenses", r.defenses());
        s.put("seconds", r.seconds());
        s.put("rows", r.rows());
        s.put("sanity_checks", checks);
        return s;
    }

    /** results.csv: one line per row, accuracies with their Wilson 95 % intervals. */
    public static String csv(EvaluationReport r) {
        StringBuilder s = new StringBuilder("attack,defense,adaptive,images,attack_success,mean_l2,mean_linf,acc_no_defense,acc_single,acc_ensemble,"
                + "acc_no_defense_low,acc_no_defense_high,acc_single_low,acc_single_high,acc_ensemble_low,acc_ensemble_high,destruction_single,destruction_ensemble,attack_seconds,attack_spec,defense_spec,mse,ssim,psnr\n");
        for (EvaluationRow w : r.rows()) {
            s.append(q(w.attack())).append(',').append(q(w.defense())).append(',').append(w.adaptive()).append(',').append(w.images())
                    .append(',').append(f(w.attackSuccess())).append(',').append(f(w.meanL2())).append(',').append(f(w.meanLinf()))
                    .append(',').append(f(w.accuracyNoDefense())).append(',').append(f(w.accuracySingle())).append(',')
                    .append(f(w.accuracyEnsemble())).append(',').append(interval(w.accuracyNoDefense(), w.images())).append(',')
                    .append(interval(w.accuracySingle(), w.images())).append(',').append(interval(w.accuracyEnsemble(), w.images()))
                    .append(',').append(f(w.destructionSingle())).append(',')
                    .append(f(w.destructionEnsemble())).append(',').append(String.format(Locale.ROOT, "%.2f", w.attackSeconds()))
                    .append(',').append(q(w.attackSpec())).append(',').append(q(w.defenseSpec())).append(',').append(f(w.mse()))
                    .append(',').append(f(w.ssim())).append(',').append(f(w.psnr())).append('\n');
        }
        return s.toString();
    }

    private static String q(String v) {
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** The Wilson 95 % interval of an accuracy over {@code n} images, as two CSV fields. */
    private static String interval(double accuracy, int n) {
        WilsonInterval w = WilsonInterval.ofFraction(accuracy, n);
        return f(w.low()) + "," + f(w.high());
    }

    /** An accuracy in percent with its Wilson 95 % interval, e.g. {@code 74.5 (71.7–77.1)}. */
    private static String pctWithInterval(double v, int n) {
        WilsonInterval w = WilsonInterval.ofFraction(v, n);
        return Double.isNaN(v) ? "–" : pct(v) + " (" + pct(w.low()) + "–" + pct(w.high()) + ")";
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f", 100 * v);
    }

    /**
     * Markdown tables: for each defense the Table 4.1 layout (attack, achieved L2 (RMSE) and L∞, no defense,
     * single, Ens-N; accuracies in percent with their Wilson 95 % intervals), then accuracy (Ens-N) and destruction rate (single) with attacks as rows and
     * defenses as columns, with the mean over attacks (Tables 4.6–4.11).
     */
    public static String markdown(EvaluationReport r, Preset p) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%s on %s: %d of %d images classified correctly (%.1f %%); only those are attacked. Budget: %s. Adversarial samples: %s. Seed %d.%n%n",
                r.model(), r.data(), r.correct(), r.examined(), 100 * r.cleanAccuracy(), r.budget(),
                r.samples().equals("float") ? "float (thesis protocol)" : "8-bit (rounded before judging)", r.seed()));
        int fewest = r.rows().stream().mapToInt(EvaluationRow::images).min().orElse(r.correct());
        if (fewest < r.correct()) {
            s.append(String.format(Locale.ROOT, "Adaptive attacks through a defense ran on the first %d of them only (an adaptive limit); the intervals"
                    + " of their rows are over those %d images.%n%n", fewest, fewest));
        }
        if (p != null && !p.missing().isEmpty()) {
            s.append("Not in Sieve, so not in this ").append(p.key()).append(" layout: ").append(p.missing()).append(".\n\n");
        }
        List<String> defenses = r.defenses();
        boolean quality = r.rows().stream().anyMatch(w -> !Double.isNaN(w.mse()));
        if (quality) {
            table31(s, r);
        }
        for (String d : defenses) {
            if (d.equals("none")) {
                continue;
            }
            s.append("Defense ").append(d).append("\n\n| attack | adaptive | L2 (RMSE) | L∞ | No defense | Single | Ens-").append(r.ensemble())
                    .append(" | destruction (single) |").append(quality ? " MSE | SSIM | PSNR |" : "")
                    .append("\n|---|---|---|---|---|---|---|---|").append(quality ? "---|---|---|" : "").append('\n');
            for (EvaluationRow w : r.rows()) {
                if (w.defense().equals(d)) {
                    s.append("| ").append(w.attack()).append(" | ").append(w.adaptive() ? "BPDA/EOT" : "").append(" | ")
                            .append(w.attack().equals("clean") ? "0.000" : String.format(Locale.ROOT, "%.3f", w.meanL2())).append(" | ")
                            .append(w.attack().equals("clean") ? "0.000" : String.format(Locale.ROOT, "%.3f", w.meanLinf())).append(" | ")
                            .append(pctWithInterval(w.accuracyNoDefense(), w.images())).append(" | ")
                            .append(pctWithInterval(w.accuracySingle(), w.images())).append(" | ")
                            .append(pctWithInterval(w.accuracyEnsemble(), w.images())).append(" | ")
                            .append(Double.isNaN(w.destructionSingle()) ? "–" : String.format(Locale.ROOT, "%.3f", w.destructionSingle()))
                            .append(" |");
                    if (quality) {
                        s.append(' ').append(num(w.mse(), "%.2f")).append(" | ").append(num(w.ssim(), "%.3f")).append(" | ")
                                .append(num(w.psnr(), "%.2f")).append(" |");
                    }
                    s.append('\n');
                }
            }
            s.append('\n');
        }
        matrix(s, r, "Top-1 accuracy (%), Ens-" + r.ensemble(), true);
        matrix(s, r, "Destruction rate, single run", false);
        return s.toString();
    }

    private static String num(double v, String format) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, format, v);
    }

    /**
     * The thesis' Table 3.1 layout: one row per defense; top-1 accuracy (single run) and MSE, SSIM,
     * PSNR of the defended adversarial image against the clean image, each the mean over the
     * non-adaptive attacks' rows (each row already a mean over the images).
     */
    private static void table31(StringBuilder s, EvaluationReport r) {
        s.append("Defended adversarial images against the clean images, mean over the attacks (Table 3.1 layout)\n\n")
                .append("| defense | Accuracy (%) ↑ | MSE ↓ | SSIM ↑ | PSNR (dB) ↑ |\n|---|---|---|---|---|\n");
        for (String d : r.defenses()) {
            double[] sum = new double[4];
            int[] count = new int[4];
            for (EvaluationRow w : r.rows()) {
                if (!w.defense().equals(d) || w.attack().equals("clean") || w.adaptive()) {
                    continue;
                }
                double[] v = {w.accuracySingle(), w.mse(), w.ssim(), w.psnr()};
                for (int k = 0; k < 4; k++) {
                    if (!Double.isNaN(v[k])) {
                        sum[k] += v[k];
                        count[k]++;
                    }
                }
            }
            double[] m = new double[4];
            for (int k = 0; k < 4; k++) {
                m[k] = count[k] == 0 ? Double.NaN : sum[k] / count[k];
            }
            s.append("| ").append(d.replace("|", "\\|")).append(" | ").append(pct(m[0])).append(" | ").append(num(m[1], "%.2f")).append(" | ")
                    .append(num(m[2], "%.3f")).append(" | ").append(num(m[3], "%.2f")).append(" |\n");
        }
        s.append("\nMSE on 8-bit samples (RGB pooled), PSNR = 10 log10(255²/MSE) averaged over images with MSE > 0, SSIM averaged over")
                .append(" R, G, B; first defense run.\n\n");
    }

    private static void matrix(StringBuilder s, EvaluationReport r, String title, boolean accuracy) {
        List<String> attacks = new ArrayList<>();
        for (EvaluationRow w : r.rows()) {
            String key = w.attack() + (w.adaptive() ? " (adaptive)" : "");
            if (!attacks.contains(key) && (accuracy || !w.attack().equals("clean"))) {
                attacks.add(key);
            }
        }
        s.append(title).append("\n\n| attack |");
        for (String d : r.defenses()) {
            s.append(' ').append(d.replace("|", "\\|")).append(" |");
        }
        s.append("\n|---|").append("---|".repeat(r.defenses().size())).append('\n');
        double[] sum = new double[r.defenses().size()];
        int[] count = new int[r.defenses().size()];
        for (String a : attacks) {
            s.append("| ").append(a).append(" |");
            for (int j = 0; j < r.defenses().size(); j++) {
                double v = Double.NaN;
                for (EvaluationRow w : r.rows()) {
                    if ((w.attack() + (w.adaptive() ? " (adaptive)" : "")).equals(a) && w.defense().equals(r.defenses().get(j))) {
                        v = accuracy ? w.accuracyEnsemble() : w.destructionSingle();
                    }
                }
                s.append(' ').append(accuracy ? pct(v) : Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v)).append(" |");
                if (!Double.isNaN(v) && !a.equals("clean")) {
                    sum[j] += v;
                    count[j]++;
                }
            }
            s.append('\n');
        }
        s.append("| mean over attacks |");
        for (int j = 0; j < sum.length; j++) {
            double m = count[j] == 0 ? Double.NaN : sum[j] / count[j];
            s.append(' ').append(accuracy ? pct(m) : Double.isNaN(m) ? "–" : String.format(Locale.ROOT, "%.3f", m)).append(" |");
        }
        s.append("\n\n");
    }
}
