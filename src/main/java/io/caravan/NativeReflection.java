package io.caravan;

import io.caravan.alert.PriceAlert;
import io.caravan.api.BarSeries;
import io.caravan.api.BarView;
import io.caravan.api.DashboardSettings;
import io.caravan.api.LiveBar;
import io.caravan.api.LiveBroadcaster;
import io.caravan.api.LiveFrame;
import io.caravan.api.LiveUpdates;
import io.caravan.api.QuoteView;
import io.caravan.api.RecentBars;
import io.caravan.bar.BarClock;
import io.caravan.bar.BarRevisions;
import io.caravan.bar.BarRollupStrategy;
import io.caravan.bar.FlatBars;
import io.caravan.feed.FeedStatus;
import io.caravan.feed.binance.BinanceCodec;
import io.caravan.feed.finnhub.FinnhubCodec;
import io.caravan.feed.finnhub.FinnhubSubscription;
import io.caravan.feed.gap.GapFill;
import io.caravan.feed.record.FrameRecorder;
import io.caravan.feed.replay.ReplayFeed;
import io.caravan.feed.websocket.WebsocketReconnect;
import io.caravan.jolokia.CaravanJolokiaRestrictor;
import io.caravan.jolokia.GuardedRequests;
import io.caravan.jolokia.JolokiaRequestGuard;
import io.caravan.sink.BarFields;
import io.caravan.sink.JdbcBarSink;
import io.caravan.sink.SinkFanOut;
import io.caravan.sink.UserSinkUris;
import io.caravan.sink.redis.RedisBarWriter;
import io.caravan.sink.redis.RedisPublisher;
import io.caravan.tick.DeadLetters;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a native image must keep for reflection, in one place. Two kinds of classes need it:
 * <ul>
 * <li>records Jackson writes as JSON: the API's answers, the page's live frames, price alerts;</li>
 * <li>beans whose methods routes call by name ({@code bean: ref: feedStatus, method: connected(..)} in
 * routes/*.yaml, {@code .bean(x, "write")}, {@code method(x, "parts")}): the YAML routes are read at runtime, so
 * the build cannot see which methods they call.</li>
 * </ul>
 * Jolokia's restrictor and authenticator, named in application.properties, are created by reflection too.
 * Dead-letter records, Redis documents and bar JSON are maps, which need nothing. A new record serialised by
 * Jackson or a new bean called by name from a route belongs in this list.
 */
@RegisterForReflection(targets = {
        // serialised by Jackson
        BarView.class, BarSeries.class, QuoteView.class, DashboardSettings.class, LiveFrame.class, LiveBar.class,
        PriceAlert.class,
        // called by name from routes
        FeedStatus.class, FinnhubCodec.class, FinnhubSubscription.class, BinanceCodec.class, FrameRecorder.class,
        WebsocketReconnect.class, ReplayFeed.class, DeadLetters.class, BarClock.class, BarRollupStrategy.class,
        BarFields.class, SinkFanOut.class, JdbcBarSink.class, RedisBarWriter.class, RedisPublisher.class,
        RecentBars.class, LiveUpdates.class, LiveBroadcaster.class, GapFill.class, BarRevisions.class,
        UserSinkUris.class, FlatBars.class,
        // created by Jolokia from its restrictorClass / authClass options; the restrictor looks the hand-over up
        CaravanJolokiaRestrictor.class, JolokiaRequestGuard.class, GuardedRequests.class })
public final class NativeReflection {

    private NativeReflection() {
    }
}
