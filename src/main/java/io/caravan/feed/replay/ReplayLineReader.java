package io.caravan.feed.replay;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

import io.caravan.tick.RejectReason;

/**
 * Lines of a replay input, each at most {@code maxChars} long: a longer line is skipped to its end and given as a
 * {@link ReplayRefusal} ({@code too large}, with its length and its beginning) so it reaches the dead letter instead
 * of filling the heap. Blank lines are skipped; {@code \r\n} ends a line as {@code \n} does.
 */
final class ReplayLineReader implements Closeable {

    private static final int EXCERPT = 256;

    private final Reader in;
    private final int maxChars;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private final StringBuilder line = new StringBuilder();

    ReplayLineReader(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The first non-blank line, without a byte order mark; see {@link #next()}. */
    String first() throws IOException {
        String line = next();
        if (line != null && line.startsWith("\uFEFF")) {
            line = line.substring(1);
            if (line.isBlank()) {
                line = next();
            }
        }
        return line;
    }

    /** The next non-blank line, a refusal for one too long, or null at the end. */
    String next() throws IOException {
        while (true) {
            line.setLength(0);
            long length = 0;
            boolean ended = false;
            boolean any = false;
            while (!ended) {
                if (position == limit) {
                    limit = in.read(buffer, 0, buffer.length);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        break;
                    }
                }
                any = true;
                int start = position;
                while (position < limit && buffer[position] != '\n') {
                    position++;
                }
                int count = position - start;
                if (length + count <= maxChars) {
                    line.append(buffer, start, count);
                } else if (length < maxChars) {
                    line.append(buffer, start, (int) (maxChars - length));
                }
                length += count;
                if (position < limit) {
                    position++; // the '\n'
                    ended = true;
                }
            }
            if (!any) {
                return null;
            }
            if (length > maxChars) {
                return ReplayRefusal.line(RejectReason.TOO_LARGE,
                        "line of " + length + " characters, over the limit of " + maxChars,
                        line.substring(0, Math.min(EXCERPT, line.length())));
            }
            int end = line.length();
            if (end > 0 && line.charAt(end - 1) == '\r') {
                line.setLength(end - 1);
            }
            if (!line.toString().isBlank()) {
                return line.toString();
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
