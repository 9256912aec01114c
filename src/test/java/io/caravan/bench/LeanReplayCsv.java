package io.caravan.bench;

import java.nio.file.Path;
import java.util.List;

import io.caravan.support.LeanTicks;

/** Writes the benchmark input: AIG and BAC trades of 2013-10-07 and -08 (Lean sample data) as a replay CSV. */
public final class LeanReplayCsv {

    public static void main(String[] args) {
        Path out = Path.of(args.length > 0 ? args[0] : "target/bench/lean-2days.csv");
        var trades = LeanTicks.read(List.of("AIG", "BAC"), List.of("20131007", "20131008"));
        LeanTicks.writeReplayCsv(trades, out);
        System.out.println(trades.size() + " trades -> " + out);
    }
}
