package io.trustregistry.adapter.filesystem;

/**
 * A hook called at each step of an atomic write, so tests can simulate a crash between any two
 * steps by throwing. Production code uses {@link #NONE}.
 */
@FunctionalInterface
public interface CrashPoint {

    /** The steps of {@link AtomicFiles#write}. */
    enum Step {
        /** The temporary file holds the new content but is not yet synced. */
        TEMP_WRITTEN,
        /** The temporary file is on stable storage. */
        TEMP_SYNCED,
        /** The temporary file has been renamed over the target. */
        RENAMED,
        /** The directory entry of the rename is on stable storage. */
        DIRECTORY_SYNCED
    }

    /** Never crashes. */
    CrashPoint NONE = step -> {
    };

    /** Called when {@code step} has completed; throwing simulates a crash right after it. */
    void reached(Step step) throws java.io.IOException;
}
