package io.trustregistry.core.error;

/** The ingest gate refused a model whose rating falls below the configured threshold; nothing was stored (HTTP 424). */
public final class RatingRejectedException extends RegistryException {

    public RatingRejectedException(String message) {
        super(message);
    }

    public RatingRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
