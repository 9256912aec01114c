package io.caravan.api;

/** A query the API refuses with 400; the message says what is wrong and what is allowed. */
public class BadQueryException extends RuntimeException {

    public BadQueryException(String message) {
        super(message);
    }
}
