package io.caravan.simulator;

import static io.caravan.simulator.JsonReplies.respond;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * Faults a REST endpoint can be told to show, so that a client's error handling is tested over real HTTP: one
 * instance for the kline endpoints (prefix {@code /sim/candle/}, kline polls: Finnhub's candles, Binance's and
 * AllTick's klines), one for the trade endpoints (prefix
 * {@code /sim/trades/}: {@code /api/v1/stock/tick} and {@code /api/v3/aggTrades}, gap-fill). Control endpoints (POST,
 * loopback clients only), shown for candles:
 * <ul>
 * <li>{@code /sim/candle/fail?status=429&retryAfter=1&count=2}: the next {@code count} candle requests are answered
 * with {@code status} (and a {@code Retry-After} header in seconds when given) and a Finnhub-style error body;</li>
 * <li>{@code /sim/candle/malformed?count=1}: the next {@code count} answers are cut-off JSON;</li>
 * <li>{@code /sim/candle/lie?symbol=AAPL&percent=1}: that symbol's candles are answered with open, high, low and close
 * moved by {@code percent} (the candle stays consistent, it is only wrong); {@code percent=0} tells the truth again;</li>
 * <li>{@code /sim/candle/reset}: no fault; also answers the number of requests seen so far.</li>
 * </ul>
 * Every answer tells {@code queued} (faults waiting now), {@code pending} (waiting before this command) and
 * {@code requests}.
 * Faults queue in order. Runs on the simulator's event loop, like the candle endpoint, so it needs no locks.
 */
final class RestFaults {

    static final String CANDLES = "/sim/candle/";
    static final String TRADES = "/sim/trades/";

    private final String prefix;

    /** What the candle endpoint answers instead of the candles. */
    record Fault(int status, Integer retryAfterSeconds, String body) {
    }

    static final String MALFORMED_BODY = "{\"c\":[1.5,1.6],\"h\":[1.7";

    private final List<Fault> queued = new ArrayList<>();
    private final Map<String, BigDecimal> lies = new HashMap<>();
    private long requests;

    RestFaults(String prefix) {
        this.prefix = prefix;
    }

    String prefix() {
        return prefix;
    }

    /** Called once per request: the fault it must show, if any. */
    Fault next() {
        requests++;
        return queued.isEmpty() ? null : queued.remove(0);
    }

    /**
     * True when the request has been answered already: not a GET (405, a Finnhub-style error body), or the next
     * queued fault. Binance's endpoints answer in Binance's words instead ({@link BinanceRestRequests}).
     */
    boolean answeredGet(HttpServerRequest request) {
        if (request.method() != HttpMethod.GET) {
            respond(request, 405, JsonReplies.error("Method not allowed"));
            return true;
        }
        return answered(request);
    }

    /** Answers the request with the next queued fault, if there is one; false when the request is to be served. */
    boolean answered(HttpServerRequest request) {
        Fault fault = next();
        if (fault == null) {
            return false;
        }
        if (fault.retryAfterSeconds() != null) {
            request.response().putHeader("Retry-After", String.valueOf(fault.retryAfterSeconds()));
        }
        respond(request, fault.status(), fault.body());
        return true;
    }

    /** The candles as the simulator is told to report them. */
    List<CandleStore.Candle> report(String symbol, List<CandleStore.Candle> candles) {
        BigDecimal percent = lies.get(symbol);
        if (percent == null) {
            return candles;
        }
        BigDecimal factor = BigDecimal.ONE.add(percent.movePointLeft(2));
        List<CandleStore.Candle> shifted = new ArrayList<>(candles.size());
        for (CandleStore.Candle c : candles) {
            shifted.add(new CandleStore.Candle(c.startMillis(), shift(c.open(), factor), shift(c.high(), factor),
                    shift(c.low(), factor), shift(c.close(), factor), c.volume(), shift(c.notional(), factor),
                    c.trades()));
        }
        return shifted;
    }

    private static BigDecimal shift(BigDecimal price, BigDecimal factor) {
        return price.multiply(factor, MathContext.DECIMAL64).stripTrailingZeros();
    }

    void handle(HttpServerRequest request) {
        if (request.method() != HttpMethod.POST) {
            respond(request, 405, "{\"error\":\"Method not allowed; POST\"}");
            return;
        }
        String action = request.path().substring(prefix.length());
        int pending = queued.size();
        try {
            switch (action) {
                case "fail" -> {
                    int status = Integer.parseInt(param(request, "status", null));
                    if (status < 400 || status > 599) {
                        throw new IllegalArgumentException("status must be 4xx or 5xx");
                    }
                    String retryAfter = request.getParam("retryAfter");
                    Integer seconds = retryAfter == null ? null : Integer.valueOf(retryAfter);
                    String body = status == 429 ? "{\"error\":\"API limit reached. Please try again later.\"}"
                            : status == 403 ? "{\"error\":\"You don't have access to this resource.\"}"
                                    : "{\"error\":\"Simulated failure " + status + "\"}";
                    queue(request, new Fault(status, seconds, body));
                }
                case "malformed" -> queue(request, new Fault(200, null, MALFORMED_BODY));
                case "lie" -> {
                    String symbol = param(request, "symbol", null);
                    BigDecimal percent = new BigDecimal(param(request, "percent", null));
                    if (percent.signum() == 0) {
                        lies.remove(symbol);
                    } else {
                        lies.put(symbol, percent);
                    }
                }
                case "reset" -> {
                    queued.clear();
                    lies.clear();
                }
                default -> {
                    respond(request, 404, "{\"error\":\"Unknown fault; use fail, malformed, lie or reset\"}");
                    return;
                }
            }
        } catch (IllegalArgumentException e) {
            respond(request, 400, "{\"error\":\"Bad parameters: " + e.getMessage().replace("\"", "'") + "\"}");
            return;
        }
        respond(request, 200, "{\"queued\":" + queued.size() + ",\"pending\":" + pending + ",\"lies\":" + lies.size()
                + ",\"requests\":" + requests + "}");
    }

    private void queue(HttpServerRequest request, Fault fault) {
        int count = Integer.parseInt(param(request, "count", "1"));
        if (count < 1 || count > 1000) {
            throw new IllegalArgumentException("count must be 1..1000");
        }
        for (int i = 0; i < count; i++) {
            queued.add(fault);
        }
    }

    private static String param(HttpServerRequest request, String name, String fallback) {
        String value = request.getParam(name);
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                throw new IllegalArgumentException("missing " + name);
            }
            return fallback;
        }
        return value.trim();
    }
}
