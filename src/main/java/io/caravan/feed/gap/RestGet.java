package io.caravan.feed.gap;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.http.base.HttpOperationFailedException;

import io.caravan.http.HttpStatusException;

/**
 * GET over camel-http with the query apart from the endpoint URI, so one endpoint serves every symbol and page, and
 * a token travels in a header (or, for AllTick, in a query that is never logged), never in a URI that could be
 * logged. A status other than 2xx throws {@link HttpStatusException}, which names neither the query nor the token,
 * for the caller's retries.
 */
@ApplicationScoped
public class RestGet {

    private final ProducerTemplate producer;

    public RestGet(ProducerTemplate producer) {
        this.producer = producer;
    }

    public String get(String url, String query, Map<String, String> headers) {
        Map<String, Object> all = new HashMap<>(headers);
        all.put(Exchange.HTTP_METHOD, "GET");
        all.put(Exchange.HTTP_QUERY, query);
        try {
            return producer.requestBodyAndHeaders(url, null, all, String.class);
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof HttpOperationFailedException failed) {
                throw new HttpStatusException(url, failed.getStatusCode(), failed.getResponseHeaders());
            }
            throw e;
        }
    }
}
