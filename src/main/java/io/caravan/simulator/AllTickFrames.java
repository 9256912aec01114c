package io.caravan.simulator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * AllTick's WebSocket message shapes, both directions: requests {@code {"cmd_id","seq_id","trace","data"}} for the
 * heartbeat (22000), the trade subscription (22004) and its cancel (22006); replies with {@code ret} and {@code msg}
 * under the request's {@code cmd_id + 1}; and the trade push 22998.
 */
final class AllTickFrames {

    static final int HEARTBEAT = 22000;
    static final int SUBSCRIBE_TRADES = 22004;
    static final int CANCEL = 22006;
    static final int TRADE_PUSH = 22998;

    /** The documentation's trades endpoint paths: stocks, and FX/crypto/metals. */
    static final String STOCK_PATH = "/quote-stock-b-ws-api";
    static final String CRYPTO_PATH = "/quote-b-ws-api";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A request that parsed; {@code codes} is the symbol list of a 22004, empty otherwise. */
    record Request(int cmd, JsonNode seqId, String trace, List<String> codes) {
    }

    /** A request the simulator answers with {@code ret} 400 (or the given code). */
    static final class BadRequestException extends Exception {
        private final int ret;
        private final transient Request request;

        BadRequestException(int ret, String message, Request request) {
            super(message, null, false, false);
            this.ret = ret;
            this.request = request;
        }
    }

    private AllTickFrames() {
    }

    static boolean isAllTickPath(String path) {
        return STOCK_PATH.equals(path) || CRYPTO_PATH.equals(path);
    }

    static Request parse(String text) throws BadRequestException {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadRequestException(400, "request is not JSON: " + e.getOriginalMessage(), null);
        }
        if (root == null || !root.isObject() || !root.path("cmd_id").canConvertToInt()) {
            throw new BadRequestException(400, "request header invalid: no cmd_id", null);
        }
        Request header = new Request(root.get("cmd_id").asInt(), root.get("seq_id"), root.path("trace").asText(""),
                List.of());
        switch (header.cmd()) {
            case HEARTBEAT, CANCEL -> {
                return header;
            }
            case SUBSCRIBE_TRADES -> {
                JsonNode list = root.path("data").path("symbol_list");
                if (!list.isArray()) {
                    throw new BadRequestException(400, "data.symbol_list missing", header);
                }
                List<String> codes = new ArrayList<>();
                for (JsonNode item : list) {
                    String code = item.path("code").asText("").trim();
                    if (code.isEmpty()) {
                        throw new BadRequestException(600, "code invalid", header);
                    }
                    codes.add(code);
                }
                return new Request(header.cmd(), header.seqId(), header.trace(), codes);
            }
            default -> throw new BadRequestException(400, "unknown cmd_id " + header.cmd(), header);
        }
    }

    /** The reply to a request: {@code cmd_id + 1}, its seq_id and trace, {@code ret} 200. */
    static String ok(Request request) {
        return reply(200, "ok", request);
    }

    static String error(BadRequestException e) {
        return reply(e.ret, e.getMessage(), e.request);
    }

    static String tokenInvalid() {
        return reply(401, "token invalid", null);
    }

    private static String reply(int ret, String msg, Request request) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("ret", ret).put("msg", msg);
        if (request != null) {
            root.put("cmd_id", request.cmd() + 1);
            root.set("seq_id", request.seqId());
            root.put("trace", request.trace());
        }
        root.putObject("data");
        return root.toString();
    }

    /**
     * A trade push; numbers are strings, as AllTick sends them. {@code tick_time} is milliseconds as a string, or,
     * for a trade on a whole second, seconds as a number like the documentation's example: both forms reach a client
     * and neither loses anything.
     */
    static String trade(NumberedTrade numbered, String code) {
        SimTrade trade = numbered.trade();
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("cmd_id", TRADE_PUSH);
        ObjectNode data = root.putObject("data");
        data.put("code", code).put("seq", numbered.id());
        if (trade.timestamp() % 1000 == 0) {
            data.put("tick_time", trade.timestamp() / 1000);
        } else {
            data.put("tick_time", Long.toString(trade.timestamp()));
        }
        data.put("price", trade.price()).put("volume", trade.size())
                .put("turnover", new BigDecimal(trade.price()).multiply(new BigDecimal(trade.size())).toPlainString())
                .put("trade_direction", numbered.id() % 2 == 0 ? 2 : 1);
        return root.toString();
    }
}
