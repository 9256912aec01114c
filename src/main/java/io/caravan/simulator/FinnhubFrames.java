package io.caravan.simulator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Finnhub's WebSocket message shapes, both directions. */
final class FinnhubFrames {

    static final String PING = "{\"type\":\"ping\"}";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    /** A client request that made sense. */
    record ClientRequest(boolean subscribe, String symbol) {
    }

    /** A client message the simulator answers with an error frame. */
    static final class BadRequestException extends Exception {
        BadRequestException(String message) {
            super(message, null, false, false);
        }
    }

    private FinnhubFrames() {
    }

    static ClientRequest parseClientMessage(String text) throws BadRequestException {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("Malformed message");
        }
        if (node == null || !node.isObject()) {
            throw new BadRequestException("Malformed message");
        }
        JsonNode type = node.get("type");
        if (type == null || !type.isTextual()) {
            throw new BadRequestException("Missing type");
        }
        boolean subscribe;
        switch (type.asText()) {
            case "subscribe" -> subscribe = true;
            case "unsubscribe" -> subscribe = false;
            default -> throw new BadRequestException("Unknown message type");
        }
        JsonNode symbol = node.get("symbol");
        if (symbol == null || !symbol.isTextual() || symbol.asText().isBlank()) {
            throw new BadRequestException("Missing symbol");
        }
        return new ClientRequest(subscribe, symbol.asText().trim());
    }

    /**
     * Prices and sizes go out as their text, never through a double, so the client sees exactly what the file held.
     */
    static String trades(List<SimTrade> trades) {
        StringWriter out = new StringWriter(64 + trades.size() * 72);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("type", "trade");
            json.writeArrayFieldStart("data");
            for (SimTrade trade : trades) {
                json.writeStartObject();
                json.writeFieldName("p");
                json.writeNumber(trade.price());
                json.writeStringField("s", trade.symbol());
                json.writeNumberField("t", trade.timestamp());
                json.writeFieldName("v");
                json.writeNumber(trade.size());
                // Finnhub sends condition codes for US stocks only; crypto trades come without "c".
                if (!Symbols.isCrypto(trade.symbol())) {
                    json.writeArrayFieldStart("c");
                    json.writeString("1");
                    json.writeEndArray();
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    static String error(String message) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("type", "error");
            json.writeStringField("msg", message);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
