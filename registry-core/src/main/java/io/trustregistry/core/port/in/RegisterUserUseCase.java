package io.trustregistry.core.port.in;

import java.util.Objects;
import java.util.Set;

import io.trustregistry.core.model.Permission;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.model.UserAccount;

/** Creates a user account ({@code POST /users}). Needs {@code admin}. */
public interface RegisterUserUseCase {

    /**
     * @throws io.trustregistry.core.error.InvalidRequestException for an empty or overlong name
     *         or a password shorter than the minimum
     * @throws io.trustregistry.core.error.ConflictException if the name is taken
     */
    UserAccount register(Principal caller, Command command);

    /**
     * @param name        login name
     * @param password    password in clear; only its hash is stored
     * @param admin       whether the new user is an administrator
     * @param permissions what the user may do
     */
    record Command(String name, String password, boolean admin, Set<Permission> permissions) {
        public Command {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(password, "password");
            permissions = Set.copyOf(permissions);
        }

        @Override
        public String toString() {
            return "Command[name=" + name + ", admin=" + admin + ", permissions=" + permissions + "]";
        }
    }
}
