package io.trustregistry.core.service;

import java.util.List;

import io.trustregistry.core.model.Permission;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.model.UserAccount;
import io.trustregistry.core.port.in.ListUsersUseCase;
import io.trustregistry.core.port.out.UserStore;

/** Lists accounts for administrators. */
public final class ListUsersService implements ListUsersUseCase {

    private final UserStore users;

    public ListUsersService(UserStore users) {
        this.users = users;
    }

    @Override
    public List<UserAccount> list(Principal caller) {
        AccessGuard.require(caller, Permission.ADMIN);
        return users.list();
    }
}
