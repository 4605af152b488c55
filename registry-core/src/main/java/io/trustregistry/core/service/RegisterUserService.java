package io.trustregistry.core.service;

import java.time.InstantSource;
import java.util.List;

import io.trustregistry.core.error.InvalidRequestException;
import io.trustregistry.core.model.Permission;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.model.UserAccount;
import io.trustregistry.core.port.in.RegisterUserUseCase;
import io.trustregistry.core.port.out.PasswordHasher;
import io.trustregistry.core.port.out.UserStore;
import io.trustregistry.core.RegistrySettings;

/** Creates accounts; only administrators may. The password is hashed before it is stored. */
public final class RegisterUserService implements RegisterUserUseCase {

    private final UserStore users;
    private final PasswordHasher hasher;
    private final InstantSource clock;
    private final RegistrySettings settings;

    public RegisterUserService(UserStore users, PasswordHasher hasher, InstantSource clock,
                               RegistrySettings settings) {
        this.users = users;
        this.hasher = hasher;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public UserAccount register(Principal caller, Command command) {
        AccessGuard.require(caller, Permission.ADMIN);
        String name = command.name();
        if (name.isBlank() || name.length() > UserAccount.MAX_NAME_LENGTH
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException("user names are 1 to " + UserAccount.MAX_NAME_LENGTH
                    + " printable characters");
        }
        if (command.password().length() < settings.minPasswordLength()) {
            throw new InvalidRequestException("passwords must be at least " + settings.minPasswordLength()
                    + " characters long");
        }
        UserAccount account = new UserAccount(name, RandomTokens.newId(), command.admin(), command.permissions(),
                List.of(hasher.hash(command.password())), clock.instant());
        users.insert(account);
        return account;
    }
}
