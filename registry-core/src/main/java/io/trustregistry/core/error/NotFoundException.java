package io.trustregistry.core.error;

/** The named artifact, user or upstream resource does not exist (HTTP 404). */
public final class NotFoundException extends RegistryException {

    public NotFoundException(String message) {
        super(message);
    }

    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
