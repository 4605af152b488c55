package io.trustregistry.core.error;

/** The operation conflicts with the current state, for example a concurrent update or an existing user (HTTP 409). */
public final class ConflictException extends RegistryException {

    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
