package io.trustregistry.core.service;

import io.trustregistry.core.error.ConflictException;
import io.trustregistry.core.error.NotFoundException;
import io.trustregistry.core.error.PermissionDeniedException;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.port.in.DeleteUserUseCase;
import io.trustregistry.core.port.out.TokenStore;
import io.trustregistry.core.port.out.UserStore;
import io.trustregistry.core.DefaultAdmin;

/** Deletes an account and revokes its tokens. */
public final class DeleteUserService implements DeleteUserUseCase {

    private final UserStore users;
    private final TokenStore tokens;

    public DeleteUserService(UserStore users, TokenStore tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    @Override
    public void delete(Principal caller, String userName) {
        if (!caller.admin() && !caller.userName().equals(userName)) {
            throw new PermissionDeniedException("only administrators may delete other users");
        }
        if (DefaultAdmin.NAME.equals(userName)) {
            throw new ConflictException("the default administrator cannot be deleted");
        }
        if (!users.delete(userName)) {
            throw new NotFoundException("no user is named '" + userName + "'");
        }
        tokens.revokeAllOf(userName);
    }
}
