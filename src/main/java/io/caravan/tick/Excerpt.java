package io.caravan.tick;

/**
 * The start of a text that may be huge, for messages and logs: a hostile input is named by its first characters and
 * its length, never copied whole into an exception message, a log line or a dead-letter detail.
 */
public final class Excerpt {

    /** What a message quotes of one input. */
    public static final int MAX_CHARS = 200;

    private Excerpt() {
    }

    public static String of(String text) {
        return of(text, MAX_CHARS);
    }

    /** The text itself when at most {@code max} characters, else its first ones and its length. */
    public static String of(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return prefix(text, max) + "… (" + text.length() + " characters)";
    }

    /** The first {@code max} characters at most, without splitting a surrogate pair. */
    public static String prefix(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
