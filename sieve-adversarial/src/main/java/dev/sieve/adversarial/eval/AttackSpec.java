package dev.sieve.adversarial.eval;

import dev.sieve.adversarial.attack.Apgd;
import dev.sieve.adversarial.attack.Attack;
import dev.sieve.adversarial.attack.AttackSequence;
import dev.sieve.adversarial.attack.Bim;
import dev.sieve.adversarial.attack.Budget;
import dev.sieve.adversarial.attack.CarliniWagnerL2;
import dev.sieve.adversarial.attack.DeepFool;
import dev.sieve.adversarial.attack.Fgsm;
import dev.sieve.adversarial.attack.GradientAttack;
import dev.sieve.adversarial.attack.Jsma;
import dev.sieve.adversarial.attack.Lbfgs;
import dev.sieve.adversarial.attack.Norm;
import dev.sieve.adversarial.attack.SquareAttack;
import dev.sieve.adversarial.attack.Pgd;
import dev.sieve.image.defense.DefenseParams;
import dev.sieve.nn.model.Classifier;
import java.util.List;
import java.util.Locale;

/**
 * An attack named on the command line: {@code NAME[:KEY=VALUE(,KEY=VALUE)*]}. Names: {@code fgsm},
 * {@code ga} (Gradient Attack), {@code igsm} (= {@code bim}), {@code pgd}, {@code deepfool}
 * (= {@code dfool}), {@code jsma}, {@code lbfgs}, {@code cw}, {@code apgd-ce} (= {@code apgd}),
 * {@code apgd-dlr} ({@link Apgd}), {@code autoattack-rand} (APGD-CE then APGD-DLR, adaptive with
 * EOT over 20 draws unless {@code eot} says otherwise; {@link AttackSequence}) and {@code square}
 * ({@link SquareAttack}, L∞ or L2, gradient-free). Keys every attack takes:
 * {@code l2=R} or {@code linf=E} (its budget, overriding the run's), {@code minimal=true|false}
 * (smallest successful perturbation within the budget, Foolbox 1.x style; the default without any
 * fixed budget), {@code bpda=true} (attack the defended classifier, backward as identity),
 * {@code eot=N} (BPDA with gradients and logits averaged over N draws of the defense; implies
 * bpda). Method keys: pgd {@code steps=10 alpha=2.5/steps random=true}; igsm {@code steps=10
 * alpha=0.25}; deepfool {@code iterations=50 overshoot=0.02}; jsma {@code theta=0.1 perpixel=7
 * iterations=2000}; lbfgs {@code iterations=100 bisections=4}; cw {@code binary=5
 * iterations=200 lr=0.01 confidence=0 c=0.01}; apgd-ce, apgd-dlr {@code steps=100}; square
 * {@code queries=1000 p=0.05} (L∞) or {@code p=0.1} (L2). {@code alpha} is relative to ε.
 *
 * <p>A run-wide L2 budget r applies to the L∞ attacks (fgsm, igsm) as L∞ r, whose RMSE is at
 * most r; a run-wide L∞ budget cannot apply to {@code ga} and is refused there.
 */
public final class AttackSpec {
    /** Attack names in help order. */
    public static final List<String> NAMES = List.of("fgsm", "ga", "igsm", "pgd", "apgd-ce", "apgd-dlr", "autoattack-rand", "square", "deepfool", "jsma", "lbfgs", "cw");
    private final String name;
    private final DefenseParams params;
    private final String text;

    private AttackSpec(String name, DefenseParams params, String text) {
        this.name = name;
        this.params = params;
        this.text = text;
    }

    /** Parses one spec; unknown names and keys fail with one line. */
    public static AttackSpec parse(String text) {
        String s = text.strip();
        int colon = s.indexOf(':');
        String raw = (colon < 0 ? s : s.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
        String name = switch (raw) {
            case "bim" -> "igsm";
            case "dfool" -> "deepfool";
            case "c&w", "cwl2" -> "cw";
            case "apgd" -> "apgd-ce";
            default -> raw;
        };
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown attack " + DefenseParams.quote(raw) + " (known: " + String.join(", ", NAMES) + ")");
        }
        DefenseParams p = DefenseParams.parse(name, colon < 0 ? "" : s.substring(colon + 1));
        List<String> common = List.of("l2", "linf", "minimal", "bpda", "eot");
        List<String> own = switch (name) {
            case "pgd" -> List.of("steps", "alpha", "random");
            case "igsm" -> List.of("steps", "alpha");
            case "apgd-ce", "apgd-dlr", "autoattack-rand" -> List.of("steps");
            case "square" -> List.of("queries", "p");
            case "deepfool" -> List.of("iterations", "overshoot");
            case "jsma" -> List.of("theta", "perpixel", "iterations");
            case "lbfgs" -> List.of("iterations", "bisections");
            case "cw" -> List.of("binary", "iterations", "lr", "confidence", "c");
            default -> List.of();
        };
        java.util.ArrayList<String> keys = new java.util.ArrayList<>(common);
        keys.addAll(own);
        p.allow(keys.toArray(String[]::new));
        if (p.has("l2") && p.has("linf")) {
            throw new IllegalArgumentException("attack " + DefenseParams.quote(name) + ": give l2 or linf, not both");
        }
        AttackSpec spec = new AttackSpec(name, p, s);
        spec.eotSamples();
        return spec;
    }

    public String name() {
        return name;
    }

    /** The text as given. */
    public String text() {
        return text;
    }

    /**
     * Whether this attack targets the defended classifier (BPDA, with EOT when {@code eot > 1});
     * {@code autoattack-rand} always does.
     */
    public boolean adaptive() {
        return name.equals("autoattack-rand") || params.bool("bpda", false) || params.has("eot");
    }

    /** EOT samples (1 = plain BPDA). */
    public int eotSamples() {
        int n = params.integer("eot", name.equals("autoattack-rand") ? 20 : 1);
        if (n < 1 || n > 1000) {
            throw params.bad("eot", String.valueOf(n), "1..1000");
        }
        return n;
    }

    /** This spec with {@code eot=N} added (the adaptive twin of a plain attack). */
    public AttackSpec adaptiveTwin(int eot) {
        return parse(text + (text.contains(":") ? "," : ":") + "eot=" + eot);
    }

    /** Row label: the text as given. */
    @Override
    public String toString() {
        return text;
    }

    /**
     * The attack against {@code target} (the bare model, or a defended classifier for adaptive
     * runs); {@code runBudget} is the run-wide budget, {@code null} for minimal.
     */
    public Attack build(Classifier target, Budget runBudget) {
        Budget budget = runBudget;
        boolean own = params.has("l2") || params.has("linf");
        if (own) {
            budget = params.has("l2") ? new Budget(Norm.L2, number("l2")) : new Budget(Norm.LINF, number("linf"));
        }
        boolean minimal = params.bool("minimal", budget == null);
        try {
            return switch (name) {
                case "fgsm" -> new Fgsm(target, linf(budget), minimal);
                case "ga" -> new GradientAttack(target, l2Only(budget), minimal);
                case "igsm" -> new Bim(target, linf(budget), minimal, params.integer("steps", 10), params.number("alpha", 0.25));
                case "pgd" -> {
                    int steps = params.integer("steps", 10);
                    Norm norm = budget == null ? Norm.LINF : budget.norm();
                    yield new Pgd(target, norm, budget, minimal, steps, params.number("alpha", 2.5 / steps), params.bool("random", true), false);
                }
                case "apgd-ce", "apgd-dlr" -> new Apgd(target, budget == null ? Norm.LINF : budget.norm(), budget, minimal,
                        name.equals("apgd-ce") ? Apgd.Loss.CE : Apgd.Loss.DLR, params.integer("steps", 100));
                case "autoattack-rand" -> {
                    if (budget == null || minimal) {
                        throw new IllegalArgumentException("autoattack-rand needs a fixed budget (l2=R or linf=E)");
                    }
                    yield AttackSequence.autoAttackRand(target, budget, params.integer("steps", 100));
                }
                case "square" -> {
                    Norm norm = budget == null ? Norm.LINF : budget.norm();
                    yield new SquareAttack(target, norm, budget, minimal, params.integer("queries", 1000),
                            params.number("p", norm == Norm.L2 ? 0.1 : 0.05));
                }
                case "deepfool" -> new DeepFool(target, budget, minimal, params.integer("iterations", 50), params.number("overshoot", 0.02));
                case "jsma" -> new Jsma(target, budget, minimal, params.number("theta", 0.1), params.integer("perpixel", 7),
                        params.integer("iterations", 2000));
                case "lbfgs" -> new Lbfgs(target, budget, minimal, params.integer("iterations", 100), params.integer("bisections", 4));
                case "cw" -> new CarliniWagnerL2(target, budget, minimal, params.integer("binary", 5), params.integer("iterations", 200),
                        params.number("lr", 0.01), params.number("confidence", 0), params.number("c", 0.01));
                default -> throw new IllegalStateException(name);
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("attack " + DefenseParams.quote(text) + ": " + e.getMessage());
        }
    }

    /**
     * An upper bound of the forward + backward passes this attack spends per image (forward-only
     * queries count a third), for the run-wide budget {@code runBudget} ({@code null} = minimal; the
     * ε-attacks then search 26 budgets) and {@code classes} classes; ×{@code eot} when adaptive.
     * Minimal attacks usually stop far earlier: this is for warning about slow runs, not a measurement.
     */
    public long passesPerImage(Budget runBudget, int classes) {
        boolean minimal = params.bool("minimal", runBudget == null && !params.has("l2") && !params.has("linf"));
        long search = minimal ? 26 : 1;
        long passes = switch (name) {
            case "fgsm", "ga" -> search;
            case "igsm", "pgd" -> search * params.integer("steps", 10);
            case "apgd-ce", "apgd-dlr" -> search * params.integer("steps", 100);
            case "autoattack-rand" -> 2L * params.integer("steps", 100);
            case "square" -> search * Math.max(1, params.integer("queries", 1000) / 3);
            case "deepfool" -> (long) params.integer("iterations", 50) * Math.min(10, classes);
            case "jsma" -> 2L * params.integer("iterations", 2000);
            case "lbfgs" -> (long) params.integer("iterations", 100) * (params.integer("bisections", 4) + 6);
            case "cw" -> (long) params.integer("binary", 5) * params.integer("iterations", 200);
            default -> 1;
        };
        return passes * (adaptive() ? eotSamples() : 1);
    }

    private double number(String key) {
        try {
            return Budget.number(params.string(key, ""), name + " " + key);
        } catch (IllegalArgumentException e) {
            throw params.bad(key, params.string(key, ""), "a number or fraction such as 4/255");
        }
    }

    private static Budget linf(Budget b) {
        return b == null || b.norm() == Norm.LINF ? b : Budget.linf(b.epsilon());
    }

    private Budget l2Only(Budget b) {
        if (b != null && b.norm() != Norm.L2) {
            throw new IllegalArgumentException("the Gradient Attack takes an l2 budget, not " + b);
        }
        return b;
    }
}
