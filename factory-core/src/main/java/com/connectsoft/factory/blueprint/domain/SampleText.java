package com.connectsoft.factory.blueprint.domain;

import com.github.curiousoddman.rgxgen.config.RgxGenOption;
import com.github.curiousoddman.rgxgen.config.RgxGenProperties;
import com.github.curiousoddman.rgxgen.nodes.Choice;
import com.github.curiousoddman.rgxgen.nodes.FinalSymbol;
import com.github.curiousoddman.rgxgen.nodes.Group;
import com.github.curiousoddman.rgxgen.nodes.GroupRef;
import com.github.curiousoddman.rgxgen.nodes.Node;
import com.github.curiousoddman.rgxgen.nodes.NotSymbol;
import com.github.curiousoddman.rgxgen.nodes.Repeat;
import com.github.curiousoddman.rgxgen.nodes.Sequence;
import com.github.curiousoddman.rgxgen.nodes.SymbolSet;
import com.github.curiousoddman.rgxgen.parsing.dflt.DefaultTreeBuilder;
import com.github.curiousoddman.rgxgen.visitors.GenerationVisitor;
import com.github.curiousoddman.rgxgen.visitors.NodeVisitor;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * Valid sample values for a string or text field, derived only from its rules: its example first, then strings
 * generated from its pattern (rgxgen), each checked against the lengths and, with RE2, the pattern. Deterministic:
 * the same field always gives the same values. A unique field's values differ from each other where its rules allow
 * (generated tests store the variants side by side): when the example's variants do not fit, its pattern is asked for
 * others, and only when it has none is a value repeated. Bounded: no value is longer than {@link BlueprintLimits#EXAMPLE}
 * characters, generation is only attempted for patterns whose longest output is within that, every step is
 * bounded by the limits on patterns, and all steps together by a {@link Budget} of time, so any blueprint costs a
 * bounded time whatever its patterns say.
 */
public final class SampleText {
    /** Samples per field: generated tests use three variants. */
    public static final int VARIANTS = 3;
    private static final int SEEDS = 60;
    /** How often rgxgen repeats '*', '+' and '{n,}' at most. */
    static final int OPEN_REPETITION = 16;

    private SampleText() {
    }

    /**
     * CPU time allowed for deriving samples. Every step that can cost more than a few microseconds (compiling a pattern,
     * parsing it for rgxgen, generating a string, matching one) asks first, and no single step can take long: patterns
     * and samples are bounded. Not thread-safe: one budget per reading, or per field.
     */
    public static final class Budget {
        /** What reading one blueprint may spend on the samples of all its fields together. */
        public static final Duration PER_BLUEPRINT = Duration.ofMillis(400);
        private final LongSupplier nanoClock;
        private final long deadline;
        private boolean exhausted;

        public Budget(Duration allowed, LongSupplier nanoClock) {
            this.nanoClock = nanoClock;
            this.deadline = nanoClock.getAsLong() + allowed.toNanos();
        }

        /**
         * A budget of CPU time of the calling thread (wall-clock time where the JVM cannot tell): what the work costs,
         * not how busy the machine is, so a blueprint is not refused for being read at a busy moment.
         */
        public static Budget of(Duration allowed) {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            return new Budget(allowed, threads.isCurrentThreadCpuTimeSupported() ? threads::getCurrentThreadCpuTime : System::nanoTime);
        }

        boolean left() {
            exhausted = exhausted || nanoClock.getAsLong() - deadline >= 0;
            return !exhausted;
        }

        public boolean exhausted() {
            return exhausted;
        }
    }

    /** Three sample values, or why none can be derived and what to do about it. */
    public sealed interface Outcome {
        record Samples(List<String> values) implements Outcome {
            public Samples {
                values = List.copyOf(values);
            }
        }

        /** {@code tooSlow}: the budget ran out, at this field or before it. */
        record None(String message, String hint, boolean tooSlow) implements Outcome {
        }
    }

    static final String EXAMPLE_HINT = "add 'example:' with a value that satisfies the field's pattern and lengths";

    /** Samples for a textual field; its pattern, if any, is compiled here. */
    public static Outcome of(Field f, Budget budget) {
        if (f.pattern().isEmpty()) {
            return of(f, Optional.empty(), budget);
        }
        if (!budget.left()) {
            return overBudget();
        }
        if (!(TenantPattern.check(f.pattern().get()) instanceof TenantPattern.Check.Valid valid)) {
            return new Outcome.None("field '" + f.name() + "' has an invalid pattern", "fix the pattern", false);
        }
        return of(f, Optional.of(valid.pattern()), budget);
    }

    /** Samples for a textual field whose pattern (if it has one) was already checked. */
    public static Outcome of(Field f, Optional<TenantPattern> pattern, Budget budget) {
        int min = f.minLength().orElse(0);
        int max = Math.min(f.maxLength().orElse(Integer.MAX_VALUE), BlueprintLimits.EXAMPLE);
        Generator generator = null;
        List<String> values = new ArrayList<>();
        for (int i = 0; i < VARIANTS; i++) {
            List<String> fixed = new ArrayList<>();
            int variant = i;
            f.example().ifPresent(e -> fixed.add(variant == 0 ? e : e + variant));
            f.example().ifPresent(fixed::add);
            if (pattern.isEmpty()) {
                fixed.add(fit("sample " + f.name() + (i == 0 ? "" : " " + i), min, max, i));
            }
            // a unique field's variants differ where its rules allow it (generated tests store them side by side);
            // when they cannot, the first valid value is repeated
            String found = null;
            String repeated = null;
            for (String c : fixed) {
                if (!budget.left()) {
                    return overBudget();
                }
                if (fits(c, min, max, pattern)) {
                    if (!f.unique() || !values.contains(c)) {
                        found = c;
                        break;
                    }
                    repeated = repeated == null ? c : repeated;
                }
            }
            if (found == null && pattern.isPresent()) {
                if (generator == null) {
                    if (!budget.left()) {
                        return overBudget();
                    }
                    generator = Generator.of(pattern.get().source());
                }
                for (int seed = 0; seed < SEEDS && found == null && generator.usable(); seed++) {
                    if (!budget.left()) {
                        return overBudget();
                    }
                    String c = generator.generate(new Random(seed * 31L + i * 7919L));
                    if (c == null) {
                        break;
                    }
                    if (!budget.left()) {
                        return overBudget();
                    }
                    if (fits(c, min, max, pattern)) {
                        if (!f.unique() || !values.contains(c)) {
                            found = c;
                        } else if (repeated == null) {
                            repeated = c;
                        }
                    }
                }
            }
            if (found == null) {
                found = repeated;
            }
            if (found == null) {
                return cannot(f);
            }
            values.add(found);
        }
        return new Outcome.Samples(values);
    }

    private static boolean fits(String c, int min, int max, Optional<TenantPattern> pattern) {
        int len = c.codePointCount(0, c.length());
        return len >= min && len <= max && pattern.map(p -> p.matches(c)).orElse(true);
    }

    /** Why {@code f} gets no sample within the bounds, and what to do about it. */
    public static Outcome.None cannot(Field f) {
        return new Outcome.None("cannot derive a valid value for field '" + f.name() + "' from its rules"
                + f.pattern().map(p -> " (pattern " + p + ")").orElse("") + " within " + BlueprintLimits.EXAMPLE + " characters",
                EXAMPLE_HINT, false);
    }

    private static Outcome.None overBudget() {
        return new Outcome.None("deriving sample values from this blueprint's patterns takes longer than allowed ("
                + Budget.PER_BLUEPRINT.toMillis() + " ms)", "give fields with a pattern an 'example:' (it is tried first), or simplify the patterns", true);
    }

    private static String fit(String base, int min, int max, int i) {
        StringBuilder sb = new StringBuilder(base);
        while (sb.length() < min) {
            sb.append((char) ('a' + (sb.length() + i) % 26));
        }
        String s = sb.toString();
        if (s.length() > max) {
            s = s.substring(s.length() - max);
        }
        return s;
    }

    /**
     * rgxgen over one parsed pattern, used only when the longest string it can generate is within
     * {@link BlueprintLimits#EXAMPLE}. rgxgen reads Java syntax, not RE2's, and fails on some patterns RE2 accepts
     * (named groups, inline flags ...); such a pattern simply gets no generated candidates.
     */
    private static final class Generator {
        private final RgxGenProperties properties;
        private final Node root;

        private Generator(RgxGenProperties properties, Node root) {
            this.properties = properties;
            this.root = root;
        }

        static Generator of(String pattern) {
            RgxGenProperties properties = new RgxGenProperties();
            RgxGenOption.INFINITE_PATTERN_REPETITION.setInProperties(properties, OPEN_REPETITION);
            try {
                Node root = new DefaultTreeBuilder(pattern, properties).get();
                return new Generator(properties, LongestOutput.of(root) <= BlueprintLimits.EXAMPLE ? root : null);
            } catch (RuntimeException rgxgenCannotReadIt) {
                return new Generator(properties, null);
            }
        }

        boolean usable() {
            return root != null;
        }

        /** A generated string, or null when rgxgen fails on this pattern. */
        String generate(Random random) {
            try {
                GenerationVisitor visitor = GenerationVisitor.builder().withRandom(random).withProperties(properties).get();
                root.visit(visitor);
                return visitor.getString();
            } catch (RuntimeException rgxgenFailed) {
                return null;
            }
        }
    }

    /** The longest string rgxgen can generate from a tree, saturating; "unbounded" for nodes it cannot bound. */
    static final class LongestOutput implements NodeVisitor {
        static final long UNBOUNDED = Long.MAX_VALUE / 4;
        private long result;

        static long of(Node node) {
            LongestOutput v = new LongestOutput();
            node.visit(v);
            return v.result;
        }

        @Override
        public void visit(SymbolSet node) {
            result = 1; // one code point (two chars at most)
        }

        @Override
        public void visit(Choice node) {
            long longest = 0;
            for (Node n : node.getNodes()) {
                longest = Math.max(longest, of(n));
            }
            result = longest;
        }

        @Override
        public void visit(FinalSymbol node) {
            result = node.getValue().length();
        }

        @Override
        public void visit(Repeat node) {
            long times = node.getMax() < 0 ? Math.max(node.getMin(), OPEN_REPETITION) : Math.max(node.getMin(), node.getMax());
            long each = of(node.getNode());
            result = each == 0 || times == 0 ? 0 : each > UNBOUNDED / times ? UNBOUNDED : each * times;
        }

        @Override
        public void visit(Sequence node) {
            long sum = 0;
            for (Node n : node.getNodes()) {
                sum = Math.min(UNBOUNDED, sum + of(n));
            }
            result = sum;
        }

        @Override
        public void visit(NotSymbol node) {
            result = UNBOUNDED;
        }

        @Override
        public void visit(GroupRef node) {
            result = UNBOUNDED;
        }

        @Override
        public void visit(Group node) {
            result = of(node.getNode());
        }
    }
}
