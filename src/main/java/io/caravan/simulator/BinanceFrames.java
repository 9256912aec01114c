package io.caravan.simulator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Binance spot's WebSocket message shapes, both directions: trade events (raw, or wrapped as a combined stream),
 * the serverShutdown event, and the control requests SUBSCRIBE, UNSUBSCRIBE and LIST_SUBSCRIPTIONS with their
 * replies. {@code <symbol>@trade} streams are simulated, and {@code <symbol>@kline_1m} with closed klines only (no
 * pushes of a minute still forming).
 */
final class BinanceFrames {

    /** Binance's limit of streams on one connection. */
    static final int MAX_STREAMS = 1024;

    private static final String TRADE_SUFFIX = "@trade";
    private static final String KLINE_SUFFIX = "@kline_1m";
    private static final Pattern STREAM = Pattern.compile("[a-z0-9]+(@trade|@kline_1m)");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    /** A control request that made sense; {@code id} is echoed in the reply as the client sent it. */
    record ControlRequest(String method, List<String> streams, JsonNode id) {
    }

    /** A client message or stream name the simulator refuses, answered with {@code {"code":2,"msg":..}}. */
    static final class BadRequestException extends Exception {
        private final transient JsonNode id;

        BadRequestException(String message, JsonNode id) {
            super(message, null, false, false);
            this.id = id;
        }

        JsonNode id() {
            return id;
        }
    }

    private BinanceFrames() {
    }

    /**
     * The Binance symbol of a simulator symbol: Finnhub-style {@code BINANCE:BTCUSDT} is served as {@code BTCUSDT},
     * a bare symbol as itself, upper case.
     */
    static String binanceSymbol(String simulatorSymbol) {
        return simulatorSymbol.substring(simulatorSymbol.indexOf(':') + 1).toUpperCase(Locale.ROOT);
    }

    /** The simulator's symbol among {@code symbols} that Binance calls {@code binanceSymbol} (any case), if any. */
    static Optional<String> simulatorSymbol(Collection<String> symbols, String binanceSymbol) {
        String wanted = binanceSymbol.trim().toUpperCase(Locale.ROOT);
        return symbols.stream().filter(s -> binanceSymbol(s).equals(wanted)).findFirst();
    }

    /** The trade stream of a simulator symbol, e.g. {@code btcusdt@trade}. */
    static String tradeStream(String simulatorSymbol) {
        return binanceSymbol(simulatorSymbol).toLowerCase(Locale.ROOT) + TRADE_SUFFIX;
    }

    /** The one-minute kline stream of a simulator symbol, e.g. {@code btcusdt@kline_1m}. */
    static String klineStream(String simulatorSymbol) {
        return binanceSymbol(simulatorSymbol).toLowerCase(Locale.ROOT) + KLINE_SUFFIX;
    }

    /** The Binance symbol a stream is about, upper case: {@code btcusdt@trade} gives {@code BTCUSDT}. */
    static String symbolOf(String stream) {
        return stream.substring(0, stream.indexOf('@')).toUpperCase(Locale.ROOT);
    }

    /** A stream name as the simulator keeps it (lower case), or an error naming what is not simulated. */
    static String parseStream(String name, JsonNode id) throws BadRequestException {
        String stream = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (!STREAM.matcher(stream).matches()) {
            throw new BadRequestException("Invalid request: unsupported stream '" + name
                    + "' (the simulator serves <symbol>@trade and <symbol>@kline_1m streams)", id);
        }
        return stream;
    }

    /** Streams named in a connection path: {@code streams=a@trade/b@trade} or {@code /ws/a@trade/b@trade}. */
    static List<String> parseStreams(String slashSeparated) throws BadRequestException {
        List<String> streams = new ArrayList<>();
        if (slashSeparated == null || slashSeparated.isBlank()) {
            return streams;
        }
        for (String name : slashSeparated.split("/")) {
            if (!name.isEmpty()) {
                streams.add(parseStream(name, null));
            }
        }
        if (streams.size() > MAX_STREAMS) {
            throw new BadRequestException("Invalid request: more than " + MAX_STREAMS + " streams", null);
        }
        return streams;
    }

    static ControlRequest parseControl(String text) throws BadRequestException {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("Invalid JSON: " + e.getOriginalMessage(), null);
        }
        if (node == null || !node.isObject()) {
            throw new BadRequestException("Invalid request: not a JSON object", null);
        }
        JsonNode id = node.get("id");
        if (id == null || !(id.isIntegralNumber() || id.isTextual())) {
            throw new BadRequestException("Invalid request: missing or invalid 'id'", null);
        }
        String method = node.path("method").asText("");
        List<String> streams = new ArrayList<>();
        switch (method) {
            case "SUBSCRIBE", "UNSUBSCRIBE" -> {
                JsonNode params = node.get("params");
                if (params == null || !params.isArray() || params.isEmpty()) {
                    throw new BadRequestException("Invalid request: 'params' must be a non-empty array of streams", id);
                }
                for (JsonNode param : params) {
                    if (!param.isTextual()) {
                        throw new BadRequestException("Invalid request: stream names must be strings", id);
                    }
                    streams.add(parseStream(param.asText(), id));
                }
            }
            case "LIST_SUBSCRIPTIONS" -> {
                // no params
            }
            default -> throw new BadRequestException("Invalid request: unknown method '" + method + "'", id);
        }
        return new ControlRequest(method, streams, id);
    }

    /**
     * One trade event; price and quantity go out as the decimal text the simulator holds, as Binance sends them.
     * {@code m} (buyer is the maker) alternates with the trade id: the simulator has no order book.
     */
    static String trade(NumberedTrade numbered, long eventTime, boolean combined) {
        SimTrade trade = numbered.trade();
        return write(json -> {
            json.writeStartObject();
            if (combined) {
                json.writeStringField("stream", tradeStream(trade.symbol()));
                json.writeObjectFieldStart("data");
            }
            json.writeStringField("e", "trade");
            json.writeNumberField("E", eventTime);
            json.writeStringField("s", binanceSymbol(trade.symbol()));
            json.writeNumberField("t", numbered.id());
            json.writeStringField("p", trade.price());
            json.writeStringField("q", trade.size());
            json.writeNumberField("T", trade.timestamp());
            json.writeBooleanField("m", numbered.id() % 2 == 0);
            json.writeBooleanField("M", true);
            json.writeEndObject();
            if (combined) {
                json.writeEndObject();
            }
        });
    }

    /** A closed one-minute kline event, as {@code <symbol>@kline_1m} pushes it ({@code "x":true}). */
    static String kline(String simulatorSymbol, CandleStore.Candle minute, long eventTime, boolean combined) {
        String symbol = binanceSymbol(simulatorSymbol);
        return write(json -> {
            json.writeStartObject();
            if (combined) {
                json.writeStringField("stream", klineStream(simulatorSymbol));
                json.writeObjectFieldStart("data");
            }
            json.writeStringField("e", "kline");
            json.writeNumberField("E", eventTime);
            json.writeStringField("s", symbol);
            json.writeObjectFieldStart("k");
            json.writeNumberField("t", minute.startMillis());
            json.writeNumberField("T", minute.startMillis() + 59_999);
            json.writeStringField("s", symbol);
            json.writeStringField("i", "1m");
            json.writeStringField("o", minute.open().toPlainString());
            json.writeStringField("c", minute.close().toPlainString());
            json.writeStringField("h", minute.high().toPlainString());
            json.writeStringField("l", minute.low().toPlainString());
            json.writeStringField("v", minute.volume().toPlainString());
            json.writeNumberField("n", minute.trades());
            json.writeBooleanField("x", true);
            json.writeStringField("q", minute.notional().toPlainString());
            json.writeEndObject();
            json.writeEndObject();
            if (combined) {
                json.writeEndObject();
            }
        });
    }

    /** Sent before the server closes for maintenance; combined streams wrap it as stream {@code !serverShutdown}. */
    static String serverShutdown(long eventTime, boolean combined) {
        return write(json -> {
            json.writeStartObject();
            if (combined) {
                json.writeStringField("stream", "!serverShutdown");
                json.writeObjectFieldStart("data");
            }
            json.writeStringField("e", "serverShutdown");
            json.writeNumberField("E", eventTime);
            json.writeEndObject();
            if (combined) {
                json.writeEndObject();
            }
        });
    }

    /** {@code {"result":null,"id":..}}, or the list of streams for LIST_SUBSCRIPTIONS. */
    static String result(JsonNode id, Collection<String> streams) {
        return write(json -> {
            json.writeStartObject();
            if (streams == null) {
                json.writeNullField("result");
            } else {
                json.writeArrayFieldStart("result");
                for (String stream : streams) {
                    json.writeString(stream);
                }
                json.writeEndArray();
            }
            json.writeFieldName("id");
            MAPPER.writeTree(json, id);
            json.writeEndObject();
        });
    }

    static String error(BadRequestException e) {
        return write(json -> {
            json.writeStartObject();
            json.writeNumberField("code", 2);
            json.writeStringField("msg", e.getMessage());
            if (e.id() != null) {
                json.writeFieldName("id");
                MAPPER.writeTree(json, e.id());
            }
            json.writeEndObject();
        });
    }

    private interface JsonWriting {
        void write(JsonGenerator json) throws IOException;
    }

    private static String write(JsonWriting writing) {
        StringWriter out = new StringWriter(160);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            writing.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }
}
