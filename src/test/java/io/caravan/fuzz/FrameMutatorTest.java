package io.caravan.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The generator itself: deterministic, every mutation for every format, and the 10 MB frames really 10 MB. */
class FrameMutatorTest {

    @Test
    void theSameSeedGivesTheSameCases() throws Exception {
        FuzzSettings settings = new FuzzSettings(42, 3_000, EnumSet.allOf(FrameMutator.Mutation.class));
        List<byte[]> first = cases(settings);
        List<byte[]> second = cases(settings);
        assertEquals(first.size(), second.size());
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i), second.get(i), "case " + i);
        }
    }

    @Test
    void everyMutationOfEveryFormatGivesAFrameThatDiffersFromItsSeed() {
        SeedFrames seeds = SeedFrames.load();
        FrameMutator mutator = new FrameMutator(new Random(7));
        for (Provider provider : Provider.values()) {
            for (FrameMutator.Mutation mutation : FrameMutator.Mutation.values()) {
                for (String seed : seeds.of(provider)) {
                    FuzzCase c = mutator.mutate(0, provider, seed, mutation);
                    assertTrue(c.bytes().length > 0 || mutation == FrameMutator.Mutation.TRUNCATE, c.toString());
                    if (mutation == FrameMutator.Mutation.HUGE_FRAME) {
                        assertTrue(c.bytes().length >= 1 << 20, c.toString());
                    }
                }
            }
        }
    }

    @Test
    void aRunHasTenMegabyteFramesAndValidTradesOfEveryProvider() throws Exception {
        FuzzSettings settings = new FuzzSettings(1, 5_000, EnumSet.allOf(FrameMutator.Mutation.class));
        long[] largest = { 0 };
        FuzzCorpus.Summary summary = FuzzCorpus.produce(settings, List.of(Provider.FINNHUB, Provider.BINANCE, Provider.ALLTICK),
                1_000, new FuzzCorpus.Sink() {
                    @Override
                    public void hostile(FuzzCase hostile) {
                        largest[0] = Math.max(largest[0], hostile.bytes().length);
                    }

                    @Override
                    public void valid(Provider provider, String frame) {
                    }
                });
        assertEquals(5_000, summary.cases());
        assertTrue(largest[0] >= FrameMutator.HUGE_BYTES, "a 10 MB frame: " + largest[0]);
        assertTrue(summary.mutations().keySet().containsAll(EnumSet.allOf(FrameMutator.Mutation.class).stream().map(Enum::name).toList()),
                summary.mutations().toString());
        assertTrue(summary.valid().counts().keySet().containsAll(List.of(ValidTrades.sentinel(Provider.FINNHUB),
                ValidTrades.sentinel(Provider.BINANCE), ValidTrades.sentinel(Provider.ALLTICK))));
        assertTrue(summary.valid().sent() >= 5_003, "one valid trade or more after each case, and the sentinels");
        System.out.println("[fuzz] generator: " + summary.mutations() + ", largest " + largest[0] + " bytes");
    }

    private static List<byte[]> cases(FuzzSettings settings) throws Exception {
        List<byte[]> out = new ArrayList<>();
        FuzzCorpus.produce(settings, List.of(Provider.FINNHUB, Provider.BINANCE, Provider.ALLTICK, Provider.CSV), 1_000,
                new FuzzCorpus.Sink() {
                    @Override
                    public void hostile(FuzzCase hostile) {
                        out.add(hostile.bytes());
                    }

                    @Override
                    public void valid(Provider provider, String frame) {
                        out.add(FrameMutator.utf8(frame));
                    }
                });
        return out;
    }
}
