package io.caravan.feed.replay;

/** Turns the lines of one kind of trade file into caravan CSV rows ({@link ReplayFormat#TRADES}). */
interface ReplayRows {

    /** The row, or null for a line that is no trade (a header, a row the format says to leave out). */
    ReplayRow row(String line);

    /** Rows left out on purpose (Lean's suspicious ones). */
    default long leftOut() {
        return 0;
    }
}
