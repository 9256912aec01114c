package io.caravan.feed;

import java.nio.charset.StandardCharsets;

/**
 * A 96-bit fingerprint of a frame's text, for duplicate detection where the provider gives no trade ids.
 * Two hashes with independent seeds make accidental collisions within the dedupe window negligible.
 */
public final class FrameIdentity {

    private FrameIdentity() {
    }

    public static String of(String frame) {
        byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        long fnv = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            fnv ^= (b & 0xff);
            fnv *= 0x100000001b3L;
        }
        return Long.toHexString(fnv) + Integer.toHexString(frame.hashCode());
    }
}
