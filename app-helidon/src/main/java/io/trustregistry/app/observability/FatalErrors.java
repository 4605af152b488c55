package io.trustregistry.app.observability;

import java.util.function.IntConsumer;

/**
 * An {@link OutOfMemoryError} ends the process, so the orchestrator starts a fresh one. A JVM that
 * ran out of heap may have lost a thread on the way (the listener's, a pool's), keeps refusing
 * work, and its health check can still say ok. The container image sets
 * {@code -XX:+ExitOnOutOfMemoryError}; this covers {@code java -jar} without that flag, for an
 * error a thread dies of and for one a request handler meets.
 */
public final class FatalErrors {

    /** The exit status after an OutOfMemoryError (the JVM's own flag uses 3 too). */
    public static final int EXIT_STATUS = 3;

    /** Written before halting: built in advance, since memory is what is missing. */
    private static final String MESSAGE = "fatal: out of memory; the registry stops so that it can be restarted"
            + " (run it with -XX:+ExitOnOutOfMemoryError, as the container image does)";

    private static volatile IntConsumer halt = status -> Runtime.getRuntime().halt(status);

    private FatalErrors() {
    }

    /** Makes every thread that dies of an OutOfMemoryError halt the process. */
    public static void install() {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            if (!haltIfFatal(error)) {
                if (previous != null) {
                    previous.uncaughtException(thread, error);
                } else {
                    System.err.print("Exception in thread \"" + thread.getName() + "\" ");
                    error.printStackTrace();
                }
            }
        });
    }

    /**
     * Halts the process if {@code error} is, or was caused by, an OutOfMemoryError.
     *
     * @return false when it is not (the caller handles it); never returns true in production
     */
    public static boolean haltIfFatal(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                try {
                    System.err.println(MESSAGE);
                } catch (Throwable unprintable) {
                    // printing needs memory too; the halt must happen regardless
                } finally {
                    halt.accept(EXIT_STATUS);
                }
                return true;
            }
        }
        return false;
    }

    /** Replaces the halt (tests); returns the previous one. */
    static IntConsumer haltWith(IntConsumer replacement) {
        IntConsumer previous = halt;
        halt = replacement;
        return previous;
    }
}
