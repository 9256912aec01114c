package io.caravan.bench;

import java.io.BufferedReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.caravan.bar.Bar;
import io.caravan.bar.BarBuilder;
import io.caravan.bar.Interval;
import io.caravan.tick.Tick;

/**
 * The floor a replay is measured against: one thread reads the replay CSV, parses every trade into exact decimals
 * and builds the same five intervals with the same {@link BarBuilder}, with no Camel, no validation, no sinks.
 * Usage: {@code java -cp target/classes:target/test-classes io.caravan.bench.PlainJavaFloor <replay.csv>}
 */
public final class PlainJavaFloor {

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        Interval base = Interval.parse("1m");
        List<Interval> rollups = List.of(Interval.parse("5m"), Interval.parse("15m"), Interval.parse("30m"), Interval.parse("1h"));
        Map<String, BarBuilder> open = new HashMap<>();
        Map<String, BarBuilder> rolled = new HashMap<>();
        long trades = 0;
        long bars = 0;
        try (BufferedReader reader = Files.newBufferedReader(Path.of(args[0]))) {
            reader.readLine();
            String line;
            while ((line = reader.readLine()) != null) {
                String[] c = line.split(",", -1);
                Tick tick = new Tick("replay", c[1], Long.parseLong(c[0]), new BigDecimal(c[2]), new BigDecimal(c[3]), null, ++trades);
                String key = tick.symbol() + '|' + base.bucketStart(tick.ts());
                BarBuilder builder = open.get(key);
                if (builder == null) {
                    open.put(key, BarBuilder.forTick(tick, base));
                } else {
                    builder.add(tick);
                }
            }
        }
        for (BarBuilder builder : open.values()) {
            Bar bar = builder.build();
            bars++;
            for (Interval target : rollups) {
                rolled.computeIfAbsent(bar.symbol() + '|' + target + '|' + target.bucketStart(bar.openTime()),
                        k -> new BarBuilder(bar.symbol(), target, target.bucketStart(bar.openTime()))).merge(bar);
            }
        }
        for (BarBuilder builder : rolled.values()) {
            builder.build();
            bars++;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%d trades -> %d bars in %.2f s (%.0f trades/s)%n", trades, bars, seconds, trades / seconds);
    }
}
