package io.trustregistry.core.error;

/** A login named an unknown user or a wrong password (HTTP 401 at /authenticate). */
public final class InvalidCredentialsException extends RegistryException {

    public InvalidCredentialsException(String message) {
        super(message);
    }

    public InvalidCredentialsException(String message, Throwable cause) {
        super(message, cause);
    }
}
