package io.trustregistry.core.port.in;

import io.trustregistry.core.model.Principal;

/**
 * Deletes a user and revokes their tokens ({@code DELETE /users/{name}}). Users may delete
 * themselves; administrators may delete anyone but the default administrator.
 */
public interface DeleteUserUseCase {

    /**
     * @throws io.trustregistry.core.error.PermissionDeniedException if a non-admin names another user
     * @throws io.trustregistry.core.error.NotFoundException if the user does not exist
     * @throws io.trustregistry.core.error.ConflictException for the default administrator
     */
    void delete(Principal caller, String userName);
}
