package io.caravan.feed;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.util.RawValue;

import io.caravan.tick.BoundedDecimal;

/**
 * A parser that hands a JSON float beyond {@link BoundedDecimal}'s bounds ({@code 1e10000000}, {@code 1e2147483648})
 * to the tree as its raw text (an embedded {@link RawValue}) instead of a BigDecimal: such a number is then refused
 * by the validator like any other, one trade at a time, where Jackson would fail the whole frame
 * ({@code 1e2147483648} is no BigDecimal) or build a number no code can afford to print or convert.
 */
final class BoundedNumberParser extends JsonParserDelegate {

    /** whether the current token is a float kept as text */
    private boolean raw;

    BoundedNumberParser(JsonParser parser) {
        super(parser);
    }

    @Override
    public JsonToken nextToken() throws IOException {
        JsonToken token = delegate.nextToken();
        raw = token == JsonToken.VALUE_NUMBER_FLOAT && beyondBounds();
        return raw ? JsonToken.VALUE_EMBEDDED_OBJECT : token;
    }

    /**
     * Longer than {@link BoundedDecimal#MAX_CHARS}, or an exponent it refuses. A plain float of at most 100 characters
     * stays a number (cheap to print and convert; the validator refuses it if out of range), and is not parsed twice.
     * Read from the parser's own buffer: every price and size of a frame passes here, and only one with an exponent
     * becomes a String.
     */
    private boolean beyondBounds() throws IOException {
        int length = delegate.getTextLength();
        if (length > BoundedDecimal.MAX_CHARS) {
            return true;
        }
        char[] chars = delegate.getTextCharacters();
        int offset = delegate.getTextOffset();
        for (int i = offset; i < offset + length; i++) {
            if (chars[i] == 'e' || chars[i] == 'E') {
                return !BoundedDecimal.accepts(delegate.getText());
            }
        }
        return false;
    }

    @Override
    public JsonToken nextValue() throws IOException {
        JsonToken token = nextToken();
        return token == JsonToken.FIELD_NAME ? nextToken() : token;
    }

    @Override
    public String nextFieldName() throws IOException {
        return nextToken() == JsonToken.FIELD_NAME ? currentName() : null;
    }

    @Override
    public boolean nextFieldName(SerializableString name) throws IOException {
        return nextToken() == JsonToken.FIELD_NAME && name.getValue().equals(currentName());
    }

    @Override
    public JsonToken currentToken() {
        return raw ? JsonToken.VALUE_EMBEDDED_OBJECT : delegate.currentToken();
    }

    @Override
    @Deprecated
    public JsonToken getCurrentToken() {
        return currentToken();
    }

    @Override
    public int currentTokenId() {
        return raw ? JsonTokenId.ID_EMBEDDED_OBJECT : delegate.currentTokenId();
    }

    @Override
    @Deprecated
    public int getCurrentTokenId() {
        return currentTokenId();
    }

    @Override
    public boolean hasToken(JsonToken t) {
        return currentToken() == t;
    }

    @Override
    public boolean hasTokenId(int id) {
        return currentTokenId() == id;
    }

    @Override
    public Object getEmbeddedObject() throws IOException {
        return raw ? new RawValue(delegate.getText()) : delegate.getEmbeddedObject();
    }
}
