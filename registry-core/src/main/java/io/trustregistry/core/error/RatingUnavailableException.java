package io.trustregistry.core.error;

/** No rating can be served for the artifact (HTTP 500 per the contract: a metric could not be computed). */
public final class RatingUnavailableException extends RegistryException {

    public RatingUnavailableException(String message) {
        super(message);
    }

    public RatingUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
