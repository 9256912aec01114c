package io.caravan.simulator;

import static io.caravan.simulator.JsonReplies.error;
import static io.caravan.simulator.JsonReplies.respond;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * Commands to the snapshot endpoint, for tests and demos; answers only clients on the loopback interface. Runs on the
 * simulator's event loop.
 * <ul>
 * <li>{@code POST /sim/snapshot?omit=TSLA,MSFT[&times=N]}: leave the symbols out of their next N answers (0 or
 * absent: until cleared)</li>
 * <li>{@code POST /sim/snapshot?fail=N&status=429[&retryAfter=S]}: answer the next N requests with that status</li>
 * <li>{@code POST /sim/snapshot?malformed=N}: answer the next N requests with a body that is not JSON</li>
 * <li>{@code POST /sim/snapshot?clear=true}: none of the above any more</li>
 * <li>{@code GET /sim/snapshot/requests}: the latest requests and what they were answered,
 * {@code [{"time":..,"symbols":[..],"answer":"200"|"429"|..|"malformed"}]}</li>
 * </ul>
 */
final class SnapshotControlEndpoint {

    static final String PATH = "/sim/snapshot";
    static final String REQUESTS_PATH = "/sim/snapshot/requests";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SnapshotFaults faults;

    SnapshotControlEndpoint(SnapshotFaults faults) {
        this.faults = faults;
    }

    void handle(HttpServerRequest request) {
        if (REQUESTS_PATH.equals(request.path()) && request.method() == HttpMethod.GET) {
            respond(request, 200, write(faults.requests()));
        } else if (PATH.equals(request.path()) && request.method() == HttpMethod.POST) {
            command(request);
        } else {
            respond(request, 405, error("POST " + PATH + " or GET " + REQUESTS_PATH));
        }
    }

    private void command(HttpServerRequest request) {
        Map<String, Object> done = new LinkedHashMap<>();
        try {
            if ("true".equals(request.getParam("clear"))) {
                faults.clear();
                done.put("clear", true);
            }
            String omit = request.getParam("omit");
            if (omit != null) {
                List<String> symbols = Arrays.stream(omit.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .toList();
                int times = number(request, "times", 0);
                faults.omit(symbols, times);
                done.put("omit", symbols);
                done.put("times", times);
            }
            if (request.getParam("fail") != null) {
                int status = number(request, "status", 503);
                if (status < 400 || status > 599) {
                    throw new IllegalArgumentException("status must be 400..599");
                }
                String retryAfter = request.getParam("retryAfter");
                faults.fail(number(request, "fail", 1), status,
                        retryAfter == null ? OptionalInt.empty() : OptionalInt.of(number(request, "retryAfter", 0)));
                done.put("fail", number(request, "fail", 1));
                done.put("status", status);
            }
            if (request.getParam("malformed") != null) {
                faults.malformed(number(request, "malformed", 1));
                done.put("malformed", number(request, "malformed", 1));
            }
        } catch (IllegalArgumentException e) {
            respond(request, 400, error(e.getMessage()));
            return;
        }
        if (done.isEmpty()) {
            respond(request, 400, error("Nothing to do: omit, fail, malformed or clear"));
        } else {
            respond(request, 200, write(done));
        }
    }

    private static int number(HttpServerRequest request, String name, int absent) {
        String text = request.getParam(name);
        if (text == null) {
            return absent;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number >= 0");
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
