package io.trustregistry.core.error;

/** The request is malformed or violates a rule of the contract (HTTP 400). */
public final class InvalidRequestException extends RegistryException {

    public InvalidRequestException(String message) {
        super(message);
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
