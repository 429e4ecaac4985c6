package org.assessor.serve;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cap on the pages that take a while and much memory (an explanation with what would change it, two side by side,
 * the fixture tests, a review, a dry run started): at most {@code running} at once, at most {@code waiting} more queued
 * for up to {@code waitMillis}; any other is answered at once with a "busy, try again" page. So however many such
 * requests arrive together, the work and the memory they hold stay bounded, and light pages keep answering.
 */
final class HeavyPages {
    private final Semaphore running;
    private final int waiting;
    private final long waitMillis;
    private final AtomicInteger queued = new AtomicInteger();

    HeavyPages(int running, int waiting, long waitMillis) {
        this.running = new Semaphore(Math.max(1, running), true);
        this.waiting = Math.max(0, waiting);
        this.waitMillis = Math.max(0, waitMillis);
    }

    /** A turn to build one heavy page, or null when the workbench is too busy (answer with the busy page). */
    Turn enter() throws InterruptedException {
        if (running.tryAcquire()) return new Turn();
        if (queued.incrementAndGet() > waiting) {
            queued.decrementAndGet();
            return null;
        }
        try {
            return running.tryAcquire(waitMillis, TimeUnit.MILLISECONDS) ? new Turn() : null;
        } finally {
            queued.decrementAndGet();
        }
    }

    /** One heavy page being built; closing it lets the next one in. */
    final class Turn implements AutoCloseable {
        private boolean closed;

        @Override
        public void close() {
            if (closed) return;
            closed = true;
            running.release();
        }
    }
}
