package io.trustregistry.core.port.in;

import java.util.List;

import io.trustregistry.core.model.Principal;
import io.trustregistry.core.model.UserAccount;

/** Lists users ({@code GET /users}). Needs {@code admin}. */
public interface ListUsersUseCase {

    /** Every user ordered by name. */
    List<UserAccount> list(Principal caller);
}
