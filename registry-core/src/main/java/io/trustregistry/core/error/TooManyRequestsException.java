package io.trustregistry.core.error;

import java.time.Duration;

/** The caller asked too often (repeated failed logins) and may try again after {@link #retryAfter()}. */
public final class TooManyRequestsException extends RegistryException {

    private final Duration retryAfter;

    public TooManyRequestsException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** How long until the next attempt is accepted. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
