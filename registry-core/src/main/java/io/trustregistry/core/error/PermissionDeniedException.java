package io.trustregistry.core.error;

/** The caller is authenticated but lacks the permission the operation needs (HTTP 401 per the contract). */
public final class PermissionDeniedException extends RegistryException {

    public PermissionDeniedException(String message) {
        super(message);
    }

    public PermissionDeniedException(String message, Throwable cause) {
        super(message, cause);
    }
}
