package io.caravan.feed.replay;

import java.io.Closeable;
import java.util.Iterator;

/** What a replay reads: lines in one {@link ReplayFormat}, and how far through its input it is. */
public interface ReplayInput extends Iterator<String>, Closeable {

    ReplayFormat format();

    /** The file, or files, for the log and the summary. */
    String name();

    /** Fraction of the input's bytes read, 0..1. */
    double progress();

    long linesRead();
}
