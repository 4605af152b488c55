package io.trustregistry.core.error;

/** A storage dependency (database, blob store) cannot be reached; nothing was changed (HTTP 503). */
public final class DependencyUnavailableException extends RegistryException {

    public DependencyUnavailableException(String message) {
        super(message);
    }

    public DependencyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
