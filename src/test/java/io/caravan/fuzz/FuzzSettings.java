package io.caravan.fuzz;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The suite's knobs, as system properties (Maven passes {@code -D} on to the tests; not under {@code caravan.}, where
 * caravan's own configuration refuses names it does not know): {@code fuzz.seed}
 * (fixed by default, so every run of {@code verify} is the same), {@code fuzz.cases} (20,000; 100,000 with
 * {@code -Pfuzz-long}; the suite's total, see {@link #share}) and {@code fuzz.mutations} (a comma list of {@link FrameMutator.Mutation} names, to
 * replay one kind alone; default all).
 */
record FuzzSettings(long seed, int total, Set<FrameMutator.Mutation> mutations, int percent) {

    /** All {@code total} cases, for one test. */
    FuzzSettings(long seed, int total, Set<FrameMutator.Mutation> mutations) {
        this(seed, total, mutations, 100);
    }

    /** The cases of this run: its share of the total. */
    int cases() {
        return Math.max(1, (int) ((long) total * percent / 100));
    }

    static final long DEFAULT_SEED = 20_261_206L;
    static final int DEFAULT_CASES = 20_000;

    static FuzzSettings fromSystemProperties() {
        long seed = Long.parseLong(property("fuzz.seed", String.valueOf(DEFAULT_SEED)));
        int cases = Integer.parseInt(property("fuzz.cases", String.valueOf(DEFAULT_CASES)).replace("_", ""));
        String names = property("fuzz.mutations", "");
        Set<FrameMutator.Mutation> mutations = names.isBlank() ? EnumSet.allOf(FrameMutator.Mutation.class)
                : EnumSet.copyOf(Arrays.stream(names.split(",")).map(String::trim).map(FrameMutator.Mutation::valueOf).toList());
        return new FuzzSettings(seed, cases, mutations);
    }

    private static String property(String name, String fallback) {
        String value = System.getProperty(name);
        // an unset Maven property arrives as its own ${...} text
        return value == null || value.isBlank() || value.startsWith("${") ? fallback : value;
    }

    /**
     * This test's part of the cases: {@code fuzz.cases} is the suite's total, shared out so that the whole suite
     * stays within a couple of minutes of {@code verify}; the seed is the same, the cases are the test's own.
     */
    FuzzSettings share(int percent) {
        return new FuzzSettings(seed, total, mutations, percent);
    }

    /** The mutations drawn at random: all allowed ones but {@link FrameMutator.Mutation#HUGE_FRAME}. */
    List<FrameMutator.Mutation> randomMutations() {
        List<FrameMutator.Mutation> list = mutations.stream().filter(m -> m != FrameMutator.Mutation.HUGE_FRAME).toList();
        return list.isEmpty() ? List.of(FrameMutator.Mutation.HUGE_FRAME) : list;
    }

    /** 1 to 10 MB frames are few: one per 2,000 cases (at least one), when allowed. */
    int hugeFrames() {
        if (!mutations.contains(FrameMutator.Mutation.HUGE_FRAME)) {
            return 0;
        }
        return mutations.size() == 1 ? cases() : Math.max(1, cases() / 2_000);
    }

    /** How to run these cases again. */
    String reproduce() {
        return "-Dfuzz.seed=" + seed + " -Dfuzz.cases=" + total
                + (mutations.size() == FrameMutator.Mutation.values().length ? ""
                        : " -Dfuzz.mutations=" + String.join(",", mutations.stream().map(Enum::name).toList()));
    }
}
