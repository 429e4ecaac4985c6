package org.assessor.batch;

import java.io.PrintWriter;

/** A one-line progress display on a terminal (redrawn in place); silent when output is piped or redirected. */
public final class Progress {
    private final PrintWriter err;
    private final boolean enabled;
    private final long started = System.nanoTime();
    private long lastDrawn;

    public Progress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /** True when both standard streams are a terminal. */
    public static boolean onTerminal() {
        return System.console() != null;
    }

    public void update(long done, long failed) {
        if (!enabled) return;
        long now = System.nanoTime();
        if (now - lastDrawn < 200_000_000L) return;
        lastDrawn = now;
        double seconds = (now - started) / 1e9;
        err.printf("\r%,d evaluated, %,d failed, %.0f/s   ", done, failed, seconds > 0 ? done / seconds : 0.0);
        err.flush();
    }

    public void finish() {
        if (enabled) {
            err.print("\r");
            err.flush();
        }
    }
}
