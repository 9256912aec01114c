package io.caravan.feed.alltick;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.caravan.feed.FeedSymbols;

/**
 * What the AllTick routes send: one trade subscription (22004) per connection with every code of that endpoint, as a
 * new 22004 replaces the previous list, and the heartbeat (22000) that keeps a connection open (AllTick closes one
 * that is silent for 30 s).
 */
@ApplicationScoped
@Named("alltickMessages")
public class AllTickMessages {

    public static final int HEARTBEAT = 22000;
    public static final int SUBSCRIBE_TRADES = 22004;

    private final List<String> codes;
    private final AtomicLong seq = new AtomicLong();

    @Inject
    public AllTickMessages(FeedSymbols symbols) {
        this(symbols.of("alltick"));
    }

    AllTickMessages(List<String> codes) {
        this.codes = codes;
    }

    /** The codes served by one endpoint ({@code stock} or {@code crypto}), in configured order. */
    public List<String> codes(String endpoint) {
        AllTickEndpoint e = AllTickEndpoint.byId(endpoint);
        return codes.stream().filter(code -> AllTickEndpoint.of(code) == e).toList();
    }

    public String subscribe(String endpoint) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        ArrayNode list = data.putArray("symbol_list");
        codes(endpoint).forEach(code -> list.addObject().put("code", code));
        return envelope(SUBSCRIBE_TRADES, "subscribe-" + endpoint, data);
    }

    public String heartbeat(String endpoint) {
        return envelope(HEARTBEAT, "heartbeat-" + endpoint, JsonNodeFactory.instance.objectNode());
    }

    private String envelope(int cmd, String tracePrefix, ObjectNode data) {
        long n = seq.incrementAndGet();
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("cmd_id", cmd).put("seq_id", n).put("trace", "caravan-" + tracePrefix + "-" + n);
        root.set("data", data);
        return root.toString();
    }
}
