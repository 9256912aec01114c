package io.caravan.feed.alltick;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caravan.tick.Excerpt;

/**
 * Which AllTick connections are open, so the heartbeat goes only on an open one (a send on a closed one would open
 * a second socket beside the consumer's reconnect), and what AllTick answered, as log lines: the subscription's
 * ack, and every error code in words. The token is never part of what is logged.
 */
@ApplicationScoped
@Named("alltickConnections")
public class AllTickConnections {

    private static final Logger LOG = LoggerFactory.getLogger(AllTickConnections.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int SUBSCRIBE_ACK = 22005;

    private final Set<String> open = ConcurrentHashMap.newKeySet();

    public void opened(String endpoint) {
        open.add(endpoint);
    }

    public void closed(String endpoint) {
        open.remove(endpoint);
    }

    public boolean isOpen(String endpoint) {
        return open.contains(endpoint);
    }

    /** Logs replies worth a line; trade pushes and heartbeat acks pass silently. The frame is left as it is. */
    public void reply(Exchange exchange, String endpoint) {
        String frame = exchange.getMessage().getBody(String.class);
        if (frame == null || frame.indexOf("\"ret\"") < 0) {
            return; // pushes carry no ret
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(frame);
        } catch (Exception e) {
            return; // the codec refuses it with the reason
        }
        int ret = root.path("ret").asInt(-1);
        int cmd = root.path("cmd_id").asInt(-1);
        if (ret != 200) {
            LOG.error("AllTick {} endpoint refused command {}: {}", endpoint, cmd,
                    AllTickErrors.describe(ret, Excerpt.of(root.path("msg").asText(null))));
        } else if (cmd == SUBSCRIBE_ACK) {
            LOG.info("AllTick {} endpoint acknowledged the trade subscription", endpoint);
        }
    }
}
