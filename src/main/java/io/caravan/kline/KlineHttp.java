package io.caravan.kline;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.caravan.feed.Kline;
import io.caravan.feed.KlineApi;
import io.caravan.feed.KlineBatch;
import io.caravan.feed.KlineRequest;

/**
 * The two ends of one kline request through camel-http: {@link #prepare} turns a {@link KlineRequest} into the
 * provider's path, query and headers; {@link #decode} reads the answer with the provider's codec. The message's other
 * headers are dropped first (camel-http would send them all), and the token header is dropped as soon as the answer is
 * in. Klines outside the window asked for are dropped. Nothing here logs the request's query or headers: AllTick's
 * token is a query parameter.
 */
@ApplicationScoped
@Named("klineHttp")
public class KlineHttp {

    /** Exchange property holding the request while the body is the HTTP exchange. */
    public static final String REQUEST = "caravanKlineRequest";

    private static final Logger LOG = LoggerFactory.getLogger(KlineHttp.class);

    private final KlineSettings settings;
    private final KlineBackoff backoff;
    private final KlineStats stats;

    public KlineHttp(KlineSettings settings, KlineBackoff backoff, KlineStats stats) {
        this.settings = settings;
        this.backoff = backoff;
        this.stats = stats;
    }

    public void prepare(Exchange exchange) throws InvalidPayloadException {
        KlineRequest request = exchange.getMessage().getMandatoryBody(KlineRequest.class);
        exchange.setProperty(REQUEST, request);
        KlineApi.Query query = settings.api().query(request.symbol(), request.interval(), request.from(), request.to());
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setBody(null);
        message.setHeader(Exchange.HTTP_METHOD, "GET");
        message.setHeader(Exchange.HTTP_PATH, query.path());
        message.setHeader(Exchange.HTTP_QUERY, query.query());
        query.headers().forEach(message::setHeader);
        stats.add(KlineStats.REQUESTS, 1);
    }

    public KlineBatch decode(Exchange exchange) {
        KlineRequest request = request(exchange);
        String body = exchange.getMessage().getBody(String.class);
        exchange.getMessage().removeHeaders("*");
        // a count-based API (AllTick) may answer klines outside the window asked for: only the window is stored
        List<Kline> klines = settings.api().codec().decode(request.barSymbol(), request.interval(), body == null ? "" : body)
                .stream().filter(k -> k.openTime() >= request.from() && k.openTime() <= request.to()).toList();
        backoff.succeeded(request);
        if (klines.isEmpty()) {
            stats.add(KlineStats.NO_DATA, 1);
            LOG.debug("No klines for {}: {}", request, body);
        }
        stats.add(KlineStats.KLINES, klines.size());
        return new KlineBatch(request, klines, System.currentTimeMillis());
    }

    static KlineRequest request(Exchange exchange) {
        return exchange.getProperty(REQUEST, KlineRequest.class);
    }
}
