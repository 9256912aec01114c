package io.caravan.fuzz;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The input of one fuzz run, produced in order: hostile cases of the given providers, each followed by a valid trade
 * of a random provider, and at the end one last valid trade per provider (the sentinel). The same settings give the
 * same sequence, so a test can produce it once to send and once more for what to expect.
 */
final class FuzzCorpus {

    /** What the run holds, for the oracle. */
    record Summary(ValidTrades valid, long cases, long maxRecords, Map<String, Long> mutations, long hostileBytes) {
    }

    interface Sink {
        void hostile(FuzzCase hostile) throws Exception;

        void valid(Provider provider, String frame) throws Exception;
    }

    private FuzzCorpus() {
    }

    static Summary produce(FuzzSettings settings, List<Provider> providers, long baseMillis, Sink sink) throws Exception {
        Random random = new Random(settings.seed());
        SeedFrames seeds = SeedFrames.load();
        FrameMutator mutator = new FrameMutator(random);
        ValidTrades valid = new ValidTrades(random, baseMillis);
        List<FrameMutator.Mutation> mutations = settings.randomMutations();
        int huge = settings.hugeFrames();
        int hugeEvery = huge == 0 ? Integer.MAX_VALUE : Math.max(1, settings.cases() / huge);
        Map<String, Long> histogram = new TreeMap<>();
        long maxRecords = 0;
        long bytes = 0;
        for (int i = 0; i < settings.cases(); i++) {
            Provider provider = providers.get(random.nextInt(providers.size()));
            List<String> of = seeds.of(provider);
            String seed = of.get(random.nextInt(of.size()));
            FrameMutator.Mutation mutation = i % hugeEvery == hugeEvery / 2 ? FrameMutator.Mutation.HUGE_FRAME
                    : mutator.pick(mutations);
            FuzzCase hostile = mutator.mutate(i, provider, seed, mutation);
            histogram.merge(mutation.name(), 1L, Long::sum);
            maxRecords += hostile.maxRecords();
            bytes += hostile.bytes().length;
            sink.hostile(hostile);
            Provider next = providers.get(random.nextInt(providers.size()));
            sink.valid(next, valid.next(next));
        }
        for (Provider provider : providers) {
            sink.valid(provider, valid.last(provider));
        }
        return new Summary(valid, settings.cases(), maxRecords, histogram, bytes);
    }

}
