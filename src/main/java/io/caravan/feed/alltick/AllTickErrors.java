package io.caravan.feed.alltick;

import java.util.Map;

/** AllTick's {@code ret} codes as the sentence a log line needs. */
public final class AllTickErrors {

    private static final Map<Integer, String> MEANINGS = Map.ofEntries(
            Map.entry(400, "request header or data invalid"),
            Map.entry(401, "token invalid"),
            Map.entry(402, "query invalid"),
            Map.entry(429, "rate limit exceeded"),
            Map.entry(600, "code invalid"),
            Map.entry(601, "body empty"),
            Map.entry(603, "token level not enough for this request"),
            Map.entry(604, "code not authorised for this token"),
            Map.entry(605, "too many requests"),
            Map.entry(606, "too many requests: the connection will be closed"));

    private AllTickErrors() {
    }

    /** e.g. {@code AllTick error 401 (token invalid): token invalid}. */
    public static String describe(int ret, String msg) {
        String meaning = MEANINGS.getOrDefault(ret, "unknown error code");
        return "AllTick error " + ret + " (" + meaning + ")" + (msg == null || msg.isBlank() ? "" : ": " + msg);
    }
}
