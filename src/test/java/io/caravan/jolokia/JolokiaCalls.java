package io.caravan.jolokia;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.caravan.support.RawHttp;

/** Jolokia requests as JSON POSTs to a caravan's agent, with the headers a test chooses. */
record JolokiaCalls(int port, Map<String, String> headers) {

    static final String CONTEXT = "org.apache.camel:context=caravan,type=context,name=\"caravan\"";
    static final ObjectMapper JSON = new ObjectMapper();

    static String route(String id) {
        return "org.apache.camel:context=caravan,type=routes,name=\"" + id + "\"";
    }

    /** A GET URL's path: the quotes of MBean names percent-encoded. */
    static String path(String path) {
        return path.replace("\"", "%22");
    }

    RawHttp.Answer read(String mbean, String attribute) {
        return call(request("read", mbean).put("attribute", attribute));
    }

    RawHttp.Answer write(String mbean, String attribute, Object value) {
        ObjectNode request = request("write", mbean).put("attribute", attribute);
        request.set("value", JSON.valueToTree(value));
        return call(request);
    }

    RawHttp.Answer exec(String mbean, String operation, Object... arguments) {
        ObjectNode request = request("exec", mbean).put("operation", operation);
        request.set("arguments", JSON.valueToTree(arguments));
        return call(request);
    }

    RawHttp.Answer search(String pattern) {
        return call(request("search", pattern));
    }

    RawHttp.Answer list(String path) {
        return call(JSON.createObjectNode().put("type", "list").put("path", path));
    }

    RawHttp.Answer version() {
        return call(JSON.createObjectNode().put("type", "version"));
    }

    /** The answer's status: the HTTP status if the agent refused the request, else the status in its JSON. */
    static int status(RawHttp.Answer answer) {
        if (answer.status() != 200) {
            return answer.status();
        }
        return answer.json().path("status").asInt();
    }

    static JsonNode value(RawHttp.Answer answer) {
        if (status(answer) != 200) {
            throw new AssertionError("Jolokia answered " + answer.status() + ": " + answer.body());
        }
        return answer.json().get("value");
    }

    private ObjectNode request(String type, String mbean) {
        return JSON.createObjectNode().put("type", type).put("mbean", mbean);
    }

    private RawHttp.Answer call(JsonNode request) {
        return RawHttp.post(port, "/jolokia/", headers, request.toString());
    }
}
