package io.trustregistry.core.error;

/**
 * An upstream hub (Hugging Face, GitHub, a download host) could not give us what we asked for.
 * The subclass says why; use cases decide what that means for their own caller.
 */
public abstract sealed class UpstreamException extends RegistryException
        permits UpstreamException.SourceNotFound, UpstreamException.AccessDenied,
        UpstreamException.Unavailable, UpstreamException.ForbiddenAddress, UpstreamException.Unsupported {

    protected UpstreamException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The upstream answered that the resource does not exist (404, or 401 for a hidden repo). */
    public static final class SourceNotFound extends UpstreamException {
        public SourceNotFound(String message) {
            super(message, null);
        }
    }

    /** The upstream refused us (401/403): gated, private, or our credentials are wrong. */
    public static final class AccessDenied extends UpstreamException {
        public AccessDenied(String message) {
            super(message, null);
        }
    }

    /** The upstream could not be reached or kept failing (timeouts, 429, 5xx) after retries. */
    public static final class Unavailable extends UpstreamException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The URL resolves to an address ingest must not fetch (loopback, private, link-local). */
    public static final class ForbiddenAddress extends UpstreamException {
        public ForbiddenAddress(String message) {
            super(message, null);
        }
    }

    /** The URL is not something the registry can ingest (wrong scheme, unusable shape). */
    public static final class Unsupported extends UpstreamException {
        public Unsupported(String message) {
            super(message, null);
        }
    }
}
