package io.caravan.simulator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.vertx.core.http.HttpServerRequest;

/**
 * The JSON answers the simulator's REST endpoints share: a body with its status, Finnhub's {@code {"error":..}} and
 * Binance's {@code {"code":..,"msg":..}}.
 */
final class JsonReplies {

    static final JsonFactory JSON = new JsonFactory();

    private JsonReplies() {
    }

    static String error(String message) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("error", message);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Binance's error body {@code {"code":-1121,"msg":"Invalid symbol."}}. */
    static String binanceError(int code, String message) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("code", code);
            json.writeStringField("msg", message);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static void respond(HttpServerRequest request, int status, String body) {
        request.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body);
    }
}
