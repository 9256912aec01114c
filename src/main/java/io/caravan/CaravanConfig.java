package io.caravan;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Every {@code caravan.*} knob. Defaults here keep the service runnable without the top-level
 * application.properties; that file repeats them so users can see and edit them.
 */
@ConfigMapping(prefix = "caravan")
public interface CaravanConfig {

    /** simulator, finnhub, binance, alltick, replay, none; several at once, e.g. simulator,binance */
    @WithDefault("simulator")
    List<String> feeds();

    /** Symbols of every feed that has no {@code caravan.feed.<name>.symbols} of its own. */
    @WithDefault("AAPL,MSFT,AMZN,TSLA,BINANCE:BTCUSDT")
    List<String> symbols();

    /** Per-feed settings, by feed name ({@code caravan.feed.binance.symbols}, ...). */
    @WithName("feed")
    Map<String, Feed> feed();

    @WithDefault("1m,5m,15m,30m,1h")
    List<String> intervals();

    Bars bars();

    /** Built-in sinks (csv, jdbc, redis, pubsub) and user sinks defined by {@code caravan.sink.<name>.uri}. */
    @WithDefault("csv,jdbc")
    List<String> sinks();

    /** Per-sink settings: a user sink's endpoint URI, and any sink's own retry budget. */
    @WithName("sink")
    Map<String, Sink> sink();

    /** Bars each sink may hold waiting; beyond it a bar goes to the bar dead letter rather than block the others. */
    @WithName("sink-queue-size")
    @WithDefault("100000")
    int sinkQueueSize();

    /** Retries of a sink that cannot write a bar, before the bar goes to the bar dead letter. */
    @WithName("sink-retry")
    SinkRetry sinkRetry();

    Redis redis();

    @WithName("data-dir")
    @WithDefault("data")
    String dataDir();

    Replay replay();

    /** Fault injection for tests of what a failure does; off unless set. */
    Faults faults();

    /** Recording of every raw frame of every live feed, for replay. */
    Record record();

    Simulator simulator();

    Finnhub finnhub();

    Binance binance();

    Alltick alltick();

    Jdbc jdbc();

    /** Trades missed while a feed was disconnected, and before it started, fetched over REST. */
    GapFill gapFill();

    /** The query API ({@code /api/bars}, {@code /api/quotes}). */
    Api api();

    /** The live page at {@code /} and its WebSocket pushes. */
    Dashboard dashboard();

    /** Polling of a provider's REST klines (exchange bars, source rest) on a cron schedule. */
    Klines klines();

    /** Comparison of the bars built from ticks with the provider's klines. */
    Reconcile reconcile();

    /** The quote snapshot hub: many symbols' quotes polled on a cron schedule into Redis. */
    Snapshot snapshot();

    /** Readiness checks at {@code /q/health}. */
    Health health();

    /** Route files read at runtime, and their live reload. */
    Routes routes();

    /** Who may call the Jolokia agent (Hawtio's), besides its own host and origin (io.caravan.jolokia). */
    Jolokia jolokia();

    interface Jolokia {
        /** The page of hawtio/run on its default port. */
        String HAWTIO_RUN_ORIGINS = "http://127.0.0.1:8090,http://localhost:8090";

        /** Host names a request may carry in its Host header, besides loopback and the agent's own host. */
        @WithName("allowed-hosts")
        Optional<List<String>> allowedHosts();

        /** Browser origins (scheme://host:port) allowed besides the agent's own: hawtio/run's page by default. */
        @WithName("allowed-origins")
        @WithDefault(HAWTIO_RUN_ORIGINS)
        List<String> allowedOrigins();
    }

    interface Routes {
        /** A directory of YAML routes besides the top-level routes/, loaded at startup and watched like it. */
        Optional<String> dir();

        /** Apply edits of route files and of user sink URIs while running. */
        @WithDefault("true")
        boolean reload();

        /** Quiet time after the last change of a file before it is applied: editors write a file in several steps. */
        @WithName("reload-delay")
        @WithDefault("500ms")
        Duration reloadDelay();
    }

    interface GapFill {
        /** Fill the gap of every reconnect with the trades fetched over REST. */
        @WithDefault("true")
        boolean enabled();

        /** At start-up, fetch the trades from the start of the longest interval up to the first live trade. */
        @WithDefault("true")
        boolean backfill();

        /**
         * Base URL of the REST trades endpoint for the Finnhub route ({@code /api/v1/stock/tick}); absent = the
         * simulator's when the simulator feed runs, else none (gaps of that feed are logged, not filled).
         */
        Optional<String> finnhubUrl();

        /** Base URL of Binance's REST API for aggTrades; absent = the one that goes with caravan.binance.url. */
        Optional<String> binanceUrl();

        /** Retries of a fetch that failed before the gap is reported unfilled. */
        @WithDefault("5")
        int maxRedeliveries();

        /**
         * Per provider ({@code caravan.gap-fill.source.finnhub=klines}): {@code trades}, {@code klines} or {@code none}.
         * Absent: trades where a trades endpoint is known, else the provider's klines of the base interval.
         */
        Map<String, String> source();

        /**
         * Per provider ({@code caravan.gap-fill.kline-url.finnhub=https://finnhub.io}): base URL of its REST klines;
         * absent = the REST host that goes with the feed's WebSocket URL.
         */
        @WithName("kline-url")
        Map<String, String> klineUrl();

        /**
         * A feed connected this long without a trade has its gap filled up to the time it connected (a quiet market
         * or a symbol that stopped trading would otherwise leave it open). Wall clock only.
         */
        @WithName("quiet-after")
        @WithDefault("30s")
        Duration quietAfter();
    }

    /** Limits of every WebSocket feed's incoming messages (caravan's client consumer, OrderedClientConsumer). */
    Websocket websocket();

    interface Websocket {
        /**
         * The largest message (all its frames) taken in; a larger one is a dead letter ({@code too large}) and the
         * connection goes on.
         */
        @WithName("max-frame-bytes")
        @WithDefault("1048576")
        int maxFrameBytes();

        /** Bytes of messages waiting for the route per connection; above it the socket is paused until a quarter. */
        @WithName("max-pending-bytes")
        @WithDefault("33554432")
        long maxPendingBytes();

        /**
         * A connection that has brought nothing for this long (no message, no ping, no answer to the WebSocket ping
         * caravan sends after half of it) is taken for dead, closed and replaced; the gap is then filled. 0 = never.
         */
        @WithName("stale-after")
        @WithDefault("30s")
        Duration staleAfter();
    }

    interface Bars {
        @WithDefault("2s")
        Duration grace();

        /** wall or event; when absent: event for a replay-only run, wall otherwise. */
        Optional<String> clock();

        /** Event clock: a trade further ahead than this moves it only when the next trade confirms the jump. */
        @WithName("max-clock-jump")
        @WithDefault("1h")
        Duration maxClockJump();

        /** How long after closing a bar can still be revised by gap-fill (its state is kept that long). */
        @WithDefault("2h")
        Duration revisionWindow();

        /** Flat bars for in-session buckets without trades, at the last price before them (see FlatBars). */
        @WithDefault("false")
        boolean flat();
    }

    interface Faults {
        /**
         * Throw an Error on the bar-closing thread at its n-th close: {@code internal} (an InternalError) or
         * {@code oom} (fills the heap until OutOfMemoryError).
         */
        @WithName("engine-error-at-close")
        java.util.OptionalInt engineErrorAtClose();

        @WithName("engine-error")
        @WithDefault("internal")
        String engineError();
    }

    interface Replay {
        /** One file, or several separated by commas, each a file, a directory or a glob; merged in event time. */
        Optional<String> file();

        /** A longer line of a replay file goes to the dead letter as too large instead of into memory. */
        @WithName("max-line-length")
        @WithDefault("16777216")
        int maxLineLength();

        /** binance, finnhub or alltick: read recorded frames with that codec; unset = recognise each frame. */
        Optional<String> provider();

        /** max, or a factor of real time (1 = as recorded, 10 = ten times faster). */
        @WithDefault("max")
        String speed();

        @WithName("exit-when-done")
        @WithDefault("false")
        boolean exitWhenDone();

        /** Chunks of lines (1,000 each at max speed) the reader may have read ahead of the engine; it waits beyond. */
        @WithName("in-flight")
        @WithDefault("4")
        int inFlight();
    }

    interface Record {
        /** Where recordings go ({@code <dir>/<feed>/<feed>-<yyyy-MM-dd>.frames.gz}); absent = no recording. */
        Optional<String> dir();

        /** How often buffered frames are written; a crash loses at most this much. */
        @WithName("flush-interval")
        @WithDefault("1s")
        Duration flushInterval();
    }

    interface Simulator {
        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("8765")
        int port();

        /** Replay CSV to serve instead of the random walk. */
        Optional<String> file();

        /** max, or a factor of real time, for file mode. */
        @WithDefault("1")
        String speed();

        /** Wait after the first subscription before a file replay starts. */
        @WithName("settle-delay")
        @WithDefault("1s")
        Duration settleDelay();

        /** Mean trades per second per symbol in synthetic mode. */
        @WithName("trades-per-second")
        @WithDefault("5")
        double tradesPerSecond();

        @WithName("ping-interval")
        @WithDefault("10s")
        Duration pingInterval();

        /** WebSocket ping frames to Binance clients, as Binance sends them. */
        @WithName("binance-ping-interval")
        @WithDefault("20s")
        Duration binancePingInterval();

        /** Random seed for the synthetic walk; absent = a new walk every run. */
        Optional<Long> seed();

        /** Closes every client connection this often (tests gap-fill); absent = never. */
        Optional<Duration> dropEvery();

        /** After a drop, new connections are refused this long. */
        @WithDefault("0s")
        Duration dropFor();

        /** A Finnhub connection's subscriptions after its first each take effect this much later (tests gap-fill). */
        @WithDefault("0s")
        Duration subscribeDelay();

        /** How far back (from each symbol's newest trade) the trades endpoints keep the trades made. */
        @WithName("trade-history")
        @WithDefault("24h")
        Duration tradeHistory();

        /** The most trades kept for the trades endpoints, all symbols together; the oldest go first. */
        @WithName("trade-history-max-trades")
        @WithDefault("2500000")
        long tradeHistoryMaxTrades();
    }

    interface Finnhub extends WebsocketFeed {
        /** The simulator's address by default; wss://ws.finnhub.io for the real service. */
        @WithDefault("ws://127.0.0.1:8765/")
        String url();

        /** From FINNHUB_TOKEN; never logged. */
        Optional<String> token();

        /**
         * Symbols one real Finnhub connection may subscribe (free keys stop at about 50); the ones beyond are not
         * subscribed and named in an error at startup. Not applied to the simulator.
         */
        @WithName("max-symbols")
        @WithDefault("50")
        int maxSymbols();
    }

    /** What every WebSocket feed has: backoff between reconnects (ms), doubling from the first to the max. */
    interface WebsocketFeed {
        @WithName("reconnect-initial-delay")
        @WithDefault("1000")
        int reconnectInitialDelay();

        @WithName("reconnect-max-delay")
        @WithDefault("30000")
        int reconnectMaxDelay();
    }

    interface Feed {
        /** This feed's symbols instead of caravan.symbols. */
        Optional<List<String>> symbols();
    }

    interface Binance extends WebsocketFeed {
        /** The simulator's address by default; wss://stream.binance.com:9443 or wss://data-stream.binance.vision. */
        @WithDefault("ws://127.0.0.1:8765")
        String url();

        /** A connection is replaced once this old, before Binance cuts it at 24 h. */
        @WithName("max-connection-age")
        @WithDefault("23h")
        Duration maxConnectionAge();

        /** Also subscribe each symbol's {@code @kline_1m} stream and store its closed klines as exchange bars. */
        @WithDefault("false")
        boolean klines();
    }

    interface Alltick extends WebsocketFeed {
        /** Stocks (codes with a market suffix: AAPL.US, 700.HK); the simulator by default. */
        @WithName("stock-url")
        @WithDefault("ws://127.0.0.1:8765/quote-stock-b-ws-api")
        String stockUrl();

        /** FX, crypto and metals (codes without a suffix: EURUSD, BTCUSDT); the simulator by default. */
        @WithName("crypto-url")
        @WithDefault("ws://127.0.0.1:8765/quote-b-ws-api")
        String cryptoUrl();

        /** From ALLTICK_TOKEN; never logged. */
        Optional<String> token();

        /** AllTick closes a connection that sent no heartbeat for 30 s. */
        @WithName("heartbeat-interval")
        @WithDefault("10s")
        Duration heartbeatInterval();
    }

    interface Jdbc {
        /** Default: an embedded H2 file under the data dir. */
        Optional<String> url();

        Optional<String> username();

        Optional<String> password();
    }

    interface Sink {
        /** A Camel endpoint URI receiving each bar as one line of JSON; read as written (no ${} expansion). */
        Optional<String> uri();

        /** This sink's own queue bound instead of caravan.sink-queue-size. */
        @WithName("queue-size")
        OptionalInt queueSize();

        @WithName("max-redeliveries")
        OptionalInt maxRedeliveries();

        @WithName("initial-delay")
        Optional<Duration> initialDelay();

        @WithName("max-delay")
        Optional<Duration> maxDelay();

        @WithName("give-up-after")
        Optional<Duration> giveUpAfter();

        /**
         * Whether a replay waits for this sink when its queue is half full (back-pressure) instead of running ahead
         * until the queue is full and its bars go to the dead letter as {@code Queue full}. Default: true for the
         * built-in sinks, false for user sinks (a user's endpoint that hangs must not stall a replay).
         */
        @WithName("back-pressure")
        Optional<Boolean> backPressure();

        /**
         * A user sink only: whether its endpoint gets what waits in its queue as one message, the bars' JSON lines
         * one after the other (NDJSON, up to 10,000 bars), instead of one message per bar. Default false.
         */
        @WithDefault("false")
        boolean batch();
    }

    interface Redis {
        @WithDefault("redis://localhost:6379")
        String url();

        /** Put before every key and channel name, e.g. {@code caravan:}. */
        Optional<String> prefix();

        /** Bars kept per time series: a count (10000) or an age counted back from the newest bar (7d, 12h). */
        @WithDefault("10000")
        String retention();

        /** Most bars or quotes written in one pipelined round trip. */
        @WithName("batch-size")
        @WithDefault("1000")
        int batchSize();

        /** Longest wait for one round trip before it counts as failed and is retried. */
        @WithDefault("5s")
        Duration timeout();

        /** How often changed quotes are written and published: ticks in between coalesce into one write. */
        @WithName("quote-interval")
        @WithDefault("50ms")
        Duration quoteInterval();
    }

    interface SinkRetry {
        @WithName("max-redeliveries")
        @WithDefault("5")
        int maxRedeliveries();

        /** First delay; doubles on each retry up to max-delay. */
        @WithName("initial-delay")
        @WithDefault("500ms")
        Duration initialDelay();

        @WithName("max-delay")
        @WithDefault("10s")
        Duration maxDelay();

        /** How long a sink may be down (database away) before its bars go to the dead letter; unset: never. */
        @WithName("give-up-after")
        Optional<Duration> giveUpAfter();
    }

    interface Api {
        /** Bars returned when a query names no limit. */
        @WithName("default-limit")
        @WithDefault("500")
        int defaultLimit();

        /** The largest limit a query may ask for; above it the answer is 400. */
        @WithName("max-limit")
        @WithDefault("5000")
        int maxLimit();

        /** Newest closed bars kept in memory per symbol and interval, so queries answer before the database has them. */
        @WithName("recent-bars")
        @WithDefault("1000")
        int recentBars();
    }

    interface Health {
        /** A connected feed with no trade for this long, while its market is in session, is reported down. */
        @WithName("stale-after")
        @WithDefault("60s")
        Duration staleAfter();
    }

    interface Dashboard {
        /** How often changes are pushed to the page: ticks in between are coalesced into one update per symbol. */
        @WithName("push-interval")
        @WithDefault("250ms")
        Duration pushInterval();

        /**
         * A page whose previous push is still not written to its socket after this long (it does not read) is
         * disconnected; until then what changed is held for it coalesced, one entry per symbol and bar.
         */
        @WithName("slow-client-timeout")
        @WithDefault("10s")
        Duration slowClientTimeout();

        /**
         * Origins besides caravan's own (scheme://host:port of the request) whose pages may open /api/live, e.g.
         * https://caravan.example.com behind a TLS proxy. A WebSocket without Origin (not a browser) is accepted.
         */
        @WithName("allowed-origins")
        Optional<List<String>> allowedOrigins();

        Alert alert();

        /** The quotes board's alert: the last price more than drop-percent below the highest price of the window. */
        interface Alert {
            @WithDefault("1m")
            Duration window();

            @WithName("drop-percent")
            @WithDefault("2")
            BigDecimal dropPercent();
        }
    }

    interface Klines {
        /** Off by default: polling a real provider costs requests of its plan. */
        @WithDefault("false")
        boolean enabled();

        /** finnhub or binance: which REST API is asked and which codec reads the answer. */
        @WithDefault("finnhub")
        String provider();

        /** Base URL of the provider's REST API (scheme, host, port; the provider's path is added). */
        @WithDefault("http://127.0.0.1:8765")
        String url();

        /** Symbols to poll; absent = the symbols of the provider's feed. */
        Optional<List<String>> symbols();

        @WithDefault("1m")
        String interval();

        /** Quartz cron expression (seconds first) of the polling rounds. */
        @WithDefault("5 * * * * ?")
        String cron();

        /** Each round asks for the klines that opened in this window before now. */
        @WithDefault("10m")
        Duration lookback();

        /** Retries of a request answered 429, 5xx or not at all, before the symbol waits for the next round. */
        @WithName("max-retries")
        @WithDefault("4")
        int maxRetries();

        /** First retry delay; doubles on each retry (with jitter) up to retry-max-delay. */
        @WithName("retry-initial-delay")
        @WithDefault("1s")
        Duration retryInitialDelay();

        /** Longest retry delay; a longer Retry-After pauses the polling until then instead. */
        @WithName("retry-max-delay")
        @WithDefault("60s")
        Duration retryMaxDelay();

        /** How long a symbol answered 403 (no entitlement) is left alone; doubles on each further 403, up to a day. */
        @WithName("forbidden-backoff")
        @WithDefault("15m")
        Duration forbiddenBackoff();

        /** Connect and response timeout of one request, in ms (camel-http's own option values). */
        @WithDefault("30000")
        int timeout();
    }

    interface Reconcile {
        /** Off by default; needs caravan.klines.provider and .url to reach the provider. */
        @WithDefault("false")
        boolean enabled();

        /** Quartz cron expression (seconds first) of the comparison rounds. */
        @WithDefault("30 */5 * * * ?")
        String cron();

        /** Closed bars that opened in this window before now are compared. */
        @WithDefault("1h")
        Duration lookback();

        /** Largest relative difference (|ours - theirs| / max(|ours|, |theirs|)) that is not a mismatch. */
        @WithDefault("0.0001")
        BigDecimal tolerance();

        /** Write the provider's kline of a mismatched bar into the exchange bars and hand it to the corrections. */
        @WithDefault("false")
        boolean correct();
    }

    interface Snapshot {
        /** Off by default: the hub polls only when asked to. */
        @WithDefault("false")
        boolean enabled();

        /** Quartz cron expression (seconds first), e.g. {@code 0/5 * * * * ?} for every 5 s. */
        @WithDefault("0/5 * * * * ?")
        String cron();

        /** The snapshot endpoint, without a query: the built-in simulator's by default. */
        @WithDefault("http://127.0.0.1:8765/api/v1/quote/snapshot")
        String url();

        /** The symbols polled; absent = caravan.symbols. */
        Optional<List<String>> symbols();

        /** Most symbols asked for in one request. */
        @WithName("batch-size")
        @WithDefault("50")
        int batchSize();

        /** How long a {@code quote:<SYMBOL>} hash the hub wrote lives when no later round rewrites it. */
        @WithDefault("60s")
        Duration ttl();

        /** Connect and response timeout of one request, in ms (Camel's http options take milliseconds). */
        @WithDefault("5000")
        int timeout();

        /** Retries of a request answered 429, 5xx or not at all, within one round. */
        @WithName("max-retries")
        @WithDefault("3")
        int maxRetries();

        /** First retry delay; doubles on each retry, with jitter, up to retry-max-delay. */
        @WithName("retry-initial-delay")
        @WithDefault("500ms")
        Duration retryInitialDelay();

        /** Longest wait before a retry; a Retry-After beyond it ends the round's retries and pauses the polling. */
        @WithName("retry-max-delay")
        @WithDefault("5s")
        Duration retryMaxDelay();
    }
}
