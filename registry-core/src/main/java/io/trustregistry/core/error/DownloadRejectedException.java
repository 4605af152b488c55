package io.trustregistry.core.error;

import io.trustregistry.core.model.DownloadCheck;

/**
 * A sensitive model's monitor program refused a download: it exited with a code other than 0,
 * or was stopped for time or memory. The message carries the program's standard output.
 */
public final class DownloadRejectedException extends RegistryException {

    private final transient DownloadCheck check;

    public DownloadRejectedException(String message, DownloadCheck check) {
        super(message);
        this.check = check;
    }

    /** What the monitor decided, as the download history records it. */
    public DownloadCheck check() {
        return check;
    }
}
