package io.trustregistry.adapter.filesystem;

/** Another process holds the data directory; two writers would corrupt it. */
public final class DataDirectoryLockedException extends RuntimeException {

    public DataDirectoryLockedException(String message) {
        super(message);
    }
}
