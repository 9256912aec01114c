package io.caravan.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.caravan.tick.RejectReason;
import io.caravan.tick.TickRejectedException;

/** JSON reading shared by the codecs: numbers keep the exact decimal text they had on the wire. */
public final class WireJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private WireJson() {
    }

    public static JsonNode parse(String frame) {
        try {
            JsonNode node = MAPPER.readTree(frame);
            if (node == null || !node.isContainerNode()) {
                throw new TickRejectedException(RejectReason.MALFORMED, "not a JSON object", frame);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new TickRejectedException(RejectReason.MALFORMED, "not JSON: " + e.getOriginalMessage(), frame);
        }
    }

    /** The field as text for the validator: numbers in plain decimal form, strings as they are, else null. */
    public static String text(JsonNode parent, String field) {
        return text(parent.get(field));
    }

    /** A value (an array element, say) as text for the validator, as {@link #text(JsonNode, String)}. */
    public static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isBigDecimal() || node.isFloatingPointNumber()) {
            return node.decimalValue().toPlainString();
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        return node.toString();
    }
}
