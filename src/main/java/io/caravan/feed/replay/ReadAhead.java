package io.caravan.feed.replay;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Items of a source read on a thread of their own, at most {@code limit} ahead of the consumer: the reader blocks
 * until the consumer takes one. So a file is read while the engine works on the chunk before, and what waits between
 * them is bounded by the limit, never by the length of the file. A failure of the source (an I/O error) reaches the
 * consumer at the item where it happened.
 */
final class ReadAhead<T> implements Iterator<T>, AutoCloseable {

    private static final Object END = new Object();

    private record Failed(Throwable cause) {
    }

    private final BlockingQueue<Object> ready;
    private final Thread reader;
    private Object next;

    ReadAhead(Iterator<T> source, int limit, String threadName) {
        if (limit < 1) {
            throw new IllegalArgumentException("the read-ahead limit must be at least 1, was " + limit);
        }
        this.ready = new ArrayBlockingQueue<>(limit);
        this.reader = new Thread(() -> read(source), threadName);
        reader.setDaemon(true);
        reader.start();
    }

    private void read(Iterator<T> source) {
        try {
            try {
                while (source.hasNext()) {
                    ready.put(source.next());
                }
                ready.put(END);
            } catch (RuntimeException | Error e) {
                ready.put(new Failed(e));
            }
        } catch (InterruptedException e) {
            // closed by the consumer: stop reading
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = ready.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the reader", e);
            }
        }
        if (next instanceof Failed failed) {
            next = END; // once
            if (failed.cause() instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) failed.cause();
        }
        return next != END;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T item = (T) next;
        next = null;
        return item;
    }

    /** Items read and not yet taken (at most the limit). */
    int waiting() {
        return ready.size();
    }

    @Override
    public void close() {
        reader.interrupt();
    }
}
