package io.caravan.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import io.caravan.feed.FrameCodec;
import io.caravan.feed.alltick.AllTickCodec;
import io.caravan.feed.binance.BinanceCodec;
import io.caravan.feed.finnhub.FinnhubCodec;
import io.caravan.feed.replay.ReplayDecoder;
import io.caravan.feed.replay.ReplayFormat;
import io.caravan.tick.RawTrade;
import io.caravan.tick.TickRejectedException;
import io.caravan.tick.TickValidator;

/**
 * The same hostile cases straight through the codecs and the validator, without an application: each case is
 * taken apart and its trades checked, and the only way out for a bad one is a {@link TickRejectedException}, within
 * seconds. A case that throws anything else would lose the trades around it in a frame or a replay chunk; one that
 * does not come back stalls its feed. Fails with every such case named by mutation and exception.
 */
class CodecFuzzTest {

    /** Per case: far beyond what decoding a frame costs, short of what a stalled feed looks like. */
    static final long CASE_SECONDS = 10;
    static final int CASES_PER_KIND = 150;

    @Test
    void aHostileCaseIsRefusedWithAReasonOrAcceptedNeverAnythingElse() throws Exception {
        FuzzSettings settings = FuzzSettings.fromSystemProperties();
        SeedFrames seeds = SeedFrames.load();
        Random random = new Random(settings.seed());
        FrameMutator mutator = new FrameMutator(random);
        Map<Provider, FrameCodec> codecs = Map.of(Provider.FINNHUB, new FinnhubCodec(), Provider.BINANCE, new BinanceCodec(),
                Provider.ALLTICK, new AllTickCodec());
        ReplayDecoder csv = new ReplayDecoder(new FinnhubCodec(), new BinanceCodec(), new AllTickCodec());
        ReplayFormat csvFormat = new ReplayFormat(0, 1, 2, 3, 4);
        TickValidator validator = new TickValidator();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "codec-fuzz");
            t.setDaemon(true);
            return t;
        });
        Map<String, Long> outcomes = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int index = 0;
        for (Provider provider : Provider.values()) {
            for (FrameMutator.Mutation mutation : EnumSet.complementOf(EnumSet.of(FrameMutator.Mutation.HUGE_FRAME))) {
                if (!settings.mutations().contains(mutation)) {
                    continue;
                }
                for (int i = 0; i < CASES_PER_KIND; i++) {
                    String seed = seeds.of(provider).get(random.nextInt(seeds.of(provider).size()));
                    FuzzCase c = mutator.mutate(index++, provider, seed, mutation);
                    // what a WebSocket or a replay file would make of the bytes: invalid UTF-8 replaced
                    String text = new String(c.bytes(), StandardCharsets.UTF_8);
                    Future<String> outcome = pool.submit(() -> {
                        List<RawTrade> trades;
                        try {
                            trades = provider == Provider.CSV ? csv.decode(text, csvFormat).trades()
                                    : codecs.get(provider).decode(text);
                        } catch (TickRejectedException e) {
                            return "frame refused: " + e.reason().label();
                        }
                        String result = "no trade";
                        for (RawTrade trade : trades) {
                            try {
                                validator.validate(trade);
                                result = "accepted";
                            } catch (TickRejectedException e) {
                                result = "trade refused: " + e.reason().label();
                            }
                        }
                        return result;
                    });
                    String key = provider + " " + mutation + ": ";
                    try {
                        outcomes.merge(key + outcome.get(CASE_SECONDS, TimeUnit.SECONDS), 1L, Long::sum);
                    } catch (TimeoutException e) {
                        outcome.cancel(true);
                        outcomes.merge(key + "STALLED", 1L, Long::sum);
                        failures.add(c + " still running after " + CASE_SECONDS + " s: " + preview(text));
                        break; // a stalled thread cannot be stopped: on to the next kind
                    } catch (java.util.concurrent.ExecutionException e) {
                        outcomes.merge(key + e.getCause().getClass().getSimpleName(), 1L, Long::sum);
                        if (failures.size() < 40) {
                            failures.add(c + " threw " + e.getCause() + ": " + preview(text));
                        }
                    }
                }
            }
        }
        pool.shutdownNow();
        outcomes.forEach((k, v) -> System.out.println("[fuzz] codec " + k + " " + v));
        assertEquals(List.of(), failures, "cases that escaped as something else than a refusal [reproduce with -Dfuzz.seed="
                + settings.seed() + "]");
    }

    private static String preview(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "... (" + text.length() + " chars)" : text;
    }
}
