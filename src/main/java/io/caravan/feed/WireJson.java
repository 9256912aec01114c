package io.caravan.feed;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;

import io.caravan.tick.Excerpt;
import io.caravan.tick.RejectReason;
import io.caravan.tick.TickRejectedException;

/**
 * JSON reading shared by the codecs: numbers keep the exact decimal text they had on the wire. A float beyond
 * {@link io.caravan.tick.BoundedDecimal}'s bounds is kept as its text ({@link BoundedNumberParser}) for the validator
 * to refuse; no number is ever printed in plain form or converted unless it is within those bounds.
 */
public final class WireJson {

    /**
     * Digits Jackson reads of one number (its default, explicit here): an integer of more digits fails the frame.
     * Within it every number costs microseconds; anything beyond {@code BoundedDecimal}'s 100 characters is refused
     * per trade.
     */
    static final int MAX_NUMBER_LENGTH = 1_000;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(MAX_NUMBER_LENGTH).build())
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private WireJson() {
    }

    public static JsonNode parse(String frame) {
        JsonNode node;
        try (JsonParser parser = new BoundedNumberParser(MAPPER.createParser(frame))) {
            node = MAPPER.readTree(parser);
        } catch (JsonProcessingException e) {
            throw new TickRejectedException(RejectReason.MALFORMED, "not JSON: " + Excerpt.of(e.getOriginalMessage()), frame);
        } catch (IOException | RuntimeException e) {
            // whatever else the parser throws is this frame's refusal, never the feed's failure
            throw new TickRejectedException(RejectReason.MALFORMED, "not JSON: " + e.getClass().getSimpleName(), frame);
        }
        if (node == null || !node.isContainerNode()) {
            throw new TickRejectedException(RejectReason.MALFORMED, "not a JSON object", frame);
        }
        return node;
    }

    /** The field as text for the validator: numbers in plain decimal form, strings as they are, else null. */
    public static String text(JsonNode parent, String field) {
        return text(parent.get(field));
    }

    /**
     * A value (an array element, say) as text for the validator, as {@link #text(JsonNode, String)}. A number too big
     * or too small to be a market quantity is its text as it came ({@code 1e10000000}), never its plain form.
     */
    public static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node instanceof POJONode pojo && pojo.getPojo() instanceof RawValue raw) {
            return String.valueOf(raw.rawValue());
        }
        if (node.isBigDecimal() || node.isFloatingPointNumber()) {
            // at most 100 characters and no exponent BoundedDecimal refuses (BoundedNumberParser kept any other as
            // text): a short plain form
            return node.decimalValue().toPlainString();
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        return node.toString();
    }
}
