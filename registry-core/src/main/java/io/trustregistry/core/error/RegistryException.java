package io.trustregistry.core.error;

/**
 * Base of every failure a use case reports to its caller. Each subclass names one reason;
 * an inbound adapter maps each reason to its own status code once, in one place.
 */
public abstract sealed class RegistryException extends RuntimeException
        permits InvalidRequestException, NotAuthenticatedException, InvalidCredentialsException,
        PermissionDeniedException, NotFoundException, ConflictException, UpstreamException,
        DependencyUnavailableException, RatingRejectedException, RatingUnavailableException,
        TooManyRequestsException, DownloadRejectedException, TransactionFailedException {

    protected RegistryException(String message) {
        super(message);
    }

    protected RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
