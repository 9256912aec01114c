package io.caravan.feed.binance;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import io.caravan.feed.Kline;
import io.caravan.feed.KlineBatch;
import io.caravan.feed.KlineRequest;

/**
 * Binance's {@code <symbol>@kline_1m} pushes ({@code caravan.binance.klines=true}): a closed kline becomes an exchange
 * bar with source {@code stream}, stored as the kline polls store theirs; the pushes of a kline still forming are
 * dropped.
 */
@ApplicationScoped
@Named("binanceKlineStream")
public class BinanceKlineStream {

    private final BinanceKlineCodec codec;

    public BinanceKlineStream(BinanceKlineCodec codec) {
        this.codec = codec;
    }

    /** @return the closed kline as a batch for {@code direct:exchange-bars}, or null while it is still forming */
    public KlineBatch closed(String frame) {
        return codec.closedEvent(frame).map(BinanceKlineStream::batch).orElse(null);
    }

    private static KlineBatch batch(Kline kline) {
        KlineRequest request = new KlineRequest(kline.provider(), kline.symbol(), kline.symbol(), kline.interval(),
                kline.openTime(), kline.openTime());
        return new KlineBatch(request, List.of(kline), System.currentTimeMillis(), KlineBatch.STREAM);
    }
}
