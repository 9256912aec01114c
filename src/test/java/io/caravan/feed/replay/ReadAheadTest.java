package io.caravan.feed.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class ReadAheadTest {

    /** 0, 1, 2, ... up to {@code count}, counting what was read. */
    static Iterator<Integer> counting(int count, AtomicInteger read) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return read.get() < count;
            }

            @Override
            public Integer next() {
                return read.getAndIncrement();
            }
        };
    }

    @Test
    void theReaderStopsAtTheLimitUntilTheConsumerTakesOne() {
        AtomicInteger read = new AtomicInteger();
        try (ReadAhead<Integer> ahead = new ReadAhead<>(counting(1_000_000, read), 4, "read-ahead-test")) {
            // 4 waiting and a 5th read, blocked on the queue
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ahead.waiting() == 4 && read.get() == 5);
            assertEquals(0, ahead.next());
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> read.get() == 6);
            for (int i = 1; i < 1_000; i++) {
                assertEquals(i, ahead.next());
                assertTrue(read.get() - i <= 6, "read " + read.get() + " while the consumer is at " + i);
            }
        }
    }

    @Test
    void everyItemArrivesInOrderThenTheEnd() {
        List<Integer> got = new ArrayList<>();
        try (ReadAhead<Integer> ahead = new ReadAhead<>(counting(10_000, new AtomicInteger()), 2, "read-ahead-test")) {
            ahead.forEachRemaining(got::add);
            assertEquals(10_000, got.size());
            for (int i = 0; i < got.size(); i++) {
                assertEquals(i, got.get(i));
            }
        }
    }

    @Test
    void aFailureOfTheSourceReachesTheConsumerWhereItHappened() {
        Iterator<Integer> failing = new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (next == 3) {
                    throw new UncheckedIOException(new IOException("disk gone"));
                }
                return next++;
            }
        };
        try (ReadAhead<Integer> ahead = new ReadAhead<>(failing, 8, "read-ahead-test")) {
            assertEquals(0, ahead.next());
            assertEquals(1, ahead.next());
            assertEquals(2, ahead.next());
            UncheckedIOException e = assertThrows(UncheckedIOException.class, ahead::hasNext);
            assertEquals("disk gone", e.getCause().getMessage());
        }
    }
}
