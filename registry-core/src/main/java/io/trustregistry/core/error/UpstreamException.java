package io.trustregistry.core.error;

/**
 * An upstream hub (Hugging Face, GitHub, a download host) could not give us what we asked for.
 * The subclass says why; use cases decide what that means for their own caller.
 */
public abstract sealed class UpstreamException extends RegistryException
        permits UpstreamException.SourceNotFound, UpstreamException.AccessDenied,
        UpstreamException.Unavailable, UpstreamException.ForbiddenAddress, UpstreamException.Unsupported,
        UpstreamException.RateLimited, UpstreamException.CredentialsRejected {

    protected UpstreamException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The upstream answered that the resource does not exist (404, or 401 for a hidden repo).
     * Hubs answer the same for a private repository the registry has no access to.
     */
    public static final class SourceNotFound extends UpstreamException {
        public SourceNotFound(String message) {
            super(message, null);
        }
    }

    /**
     * The upstream refused this resource (401/403): it is gated or private and the registry's
     * credentials, if any, do not grant access. Not a sign that the credentials are broken: see
     * {@link CredentialsRejected} for that.
     */
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

    /**
     * The upstream is rate-limiting the registry and will not answer before {@link #retryAfter()}
     * (when it said): a 503 for the caller, who may retry then. Not the caller's fault.
     */
    public static final class RateLimited extends UpstreamException {
        private final java.util.Optional<java.time.Duration> retryAfter;

        public RateLimited(String message, java.util.Optional<java.time.Duration> retryAfter) {
            super(message, null);
            this.retryAfter = retryAfter;
        }

        /** How long until the upstream accepts requests again, when it said so. */
        public java.util.Optional<java.time.Duration> retryAfter() {
            return retryAfter;
        }
    }

    /**
     * The upstream refused the registry's own configured credentials (a revoked or mistyped
     * token): the server's configuration problem, for an operator to fix, not the caller's.
     */
    public static final class CredentialsRejected extends UpstreamException {
        public CredentialsRejected(String message) {
            super(message, null);
        }
    }
}
