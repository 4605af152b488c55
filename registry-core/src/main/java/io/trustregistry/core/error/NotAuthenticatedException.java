package io.trustregistry.core.error;

/** No valid credential accompanies the call: missing, malformed, forged, expired or used up (HTTP 403 per the contract). */
public final class NotAuthenticatedException extends RegistryException {

    public NotAuthenticatedException(String message) {
        super(message);
    }

    public NotAuthenticatedException(String message, Throwable cause) {
        super(message, cause);
    }
}
