package io.trustregistry.adapter.hub;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A file transfer that cannot hang: a watchdog cuts it off when no byte arrived for a whole
 * window, or when a window brought fewer bytes than the minimum rate asks (a trickling source
 * that would otherwise hold an ingest open for days). Cutting off closes the underlying
 * stream, which wakes a blocked read; the read then fails with the reason.
 */
final class GuardedStream extends FilterInputStream {

    private final URI uri;
    private final long windowNanos;
    private final long minBytesPerWindow;
    private final AtomicLong windowBytes = new AtomicLong();
    private final AtomicReference<String> cutOff = new AtomicReference<>();
    private final ScheduledFuture<?> watchdog;
    private volatile long windowStart = System.nanoTime();

    GuardedStream(InputStream in, URI uri, Duration window, long minBytesPerSecond) {
        super(in);
        this.uri = uri;
        this.windowNanos = window.toNanos();
        this.minBytesPerWindow = Math.max(1, minBytesPerSecond * Math.max(1, window.toMillis()) / 1000);
        long tick = Math.max(50, Math.min(1000, window.toMillis() / 4));
        this.watchdog = Watchdog.TIMER.scheduleWithFixedDelay(this::check, tick, tick, TimeUnit.MILLISECONDS);
    }

    private void check() {
        long now = System.nanoTime();
        if (now - windowStart < windowNanos) {
            return;
        }
        long bytes = windowBytes.getAndSet(0);
        windowStart = now;
        if (bytes < minBytesPerWindow) {
            cutOff.compareAndSet(null, uri.getHost() + " sent " + bytes + " bytes of " + uri.getPath() + " in "
                    + windowNanos / 1_000_000 + " ms, slower than the least rate the registry accepts ("
                    + minBytesPerWindow * 1000 / Math.max(1, windowNanos / 1_000_000) + " bytes/s); transfer cut off");
            watchdog.cancel(false);
            try {
                in.close();
            } catch (IOException ignored) {
                // the read that was waiting fails with the reason instead
            }
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        failIfCut();
        try {
            int n = in.read(b, off, len);
            if (n > 0) {
                windowBytes.addAndGet(n);
            } else if (n < 0) {
                watchdog.cancel(false);
            }
            return n;
        } catch (IOException e) {
            failIfCut();
            throw e;
        }
    }

    private void failIfCut() throws IOException {
        String reason = cutOff.get();
        if (reason != null) {
            throw new IOException(reason);
        }
    }

    @Override
    public void close() throws IOException {
        watchdog.cancel(false);
        super.close();
    }
}
