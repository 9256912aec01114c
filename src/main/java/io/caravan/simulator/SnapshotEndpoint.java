package io.caravan.simulator;

import static io.caravan.simulator.JsonReplies.error;
import static io.caravan.simulator.JsonReplies.respond;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonGenerator;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code GET /api/v1/quote/snapshot?symbols=AAPL,MSFT}: the quote of many symbols in one answer, as the snapshot
 * APIs of quote vendors give it, with the field names of Finnhub's single-symbol quote:
 * {@code {"s":"ok","t":..,"quotes":[{"symbol":"AAPL","c":231.06,"pc":230.00,"o":..,"h":..,"l":..,"v":..,"t":..}]}}.
 * {@code c} last, {@code pc} previous close (null when unknown), {@code o h l v} the UTC day's open, high, low and
 * volume, {@code t} the last trade's time in epoch ms. A symbol that has not traded is left out, as are symbols
 * {@link SnapshotFaults} says to omit. Runs on the simulator's event loop.
 */
final class SnapshotEndpoint {

    static final String PATH = "/api/v1/quote/snapshot";

    /** A longer list is a client's mistake, not a snapshot. */
    static final int MAX_SYMBOLS = 1000;

    /** An answer cut off in the middle, as a dropped connection behind a proxy can leave it. */
    static final String MALFORMED = "{\"s\":\"ok\",\"quotes\":[{\"symbol\":";

    private final SnapshotBoard board;
    private final SnapshotFaults faults;
    private final Optional<SyntheticTradeSource> synthetic;

    /** @param synthetic in synthetic mode, a symbol asked for starts trading, as a subscription would make it */
    SnapshotEndpoint(SnapshotBoard board, SnapshotFaults faults, Optional<SyntheticTradeSource> synthetic) {
        this.board = board;
        this.faults = faults;
        this.synthetic = synthetic;
    }

    void handle(HttpServerRequest request) {
        if (request.method() != HttpMethod.GET) {
            respond(request, 405, error("Method not allowed"));
            return;
        }
        String param = request.getParam("symbols");
        List<String> symbols = param == null ? List.of()
                : List.copyOf(new LinkedHashSet<>(Arrays.stream(param.split(",")).map(String::trim)
                        .filter(s -> !s.isEmpty()).toList()));
        if (symbols.isEmpty() || symbols.size() > MAX_SYMBOLS) {
            respond(request, 422, error("Parameter symbols: 1 to " + MAX_SYMBOLS + " symbols, comma separated"));
            return;
        }
        long now = System.currentTimeMillis();
        SnapshotFaults.OptionalFailure due = faults.nextFailure();
        faults.received(now, symbols, due.failure() != null ? Integer.toString(due.failure().status())
                : due.malformed() ? "malformed" : "200");
        if (due.failure() != null) {
            due.failure().retryAfterSeconds()
                    .ifPresent(s -> request.response().putHeader("Retry-After", Integer.toString(s)));
            respond(request, due.failure().status(), error("Simulated failure " + due.failure().status()));
            return;
        }
        if (due.malformed()) {
            respond(request, 200, MALFORMED);
            return;
        }
        synthetic.ifPresent(walks -> symbols.forEach(s -> walks.addSymbol(s, now)));
        respond(request, 200, render(symbols, now));
    }

    private String render(List<String> symbols, long now) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JsonReplies.JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("s", "ok");
            json.writeNumberField("t", now);
            json.writeArrayFieldStart("quotes");
            for (String symbol : symbols) {
                Optional<SnapshotBoard.Entry> entry = board.entry(symbol);
                if (entry.isEmpty() || faults.leavesOut(symbol)) {
                    continue;
                }
                SnapshotBoard.Entry e = entry.get();
                json.writeStartObject();
                json.writeStringField("symbol", e.symbol());
                decimal(json, "c", e.last());
                decimal(json, "pc", e.previousClose());
                decimal(json, "o", e.open());
                decimal(json, "h", e.high());
                decimal(json, "l", e.low());
                decimal(json, "v", e.volume());
                json.writeNumberField("t", e.time());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void decimal(JsonGenerator json, String field, BigDecimal value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeFieldName(field);
            json.writeNumber(value.toPlainString()); // exact text, never exponent notation
        }
    }
}
