package io.trustregistry.core.port.out;

import java.util.List;
import java.util.Optional;

import io.trustregistry.core.model.UserAccount;

/**
 * Registered users. Names are unique and compared exactly. Safe for concurrent use; writes are
 * atomic. An unreachable backend raises
 * {@link io.trustregistry.core.error.DependencyUnavailableException}.
 */
public interface UserStore {

    /**
     * Adds a user.
     *
     * @throws io.trustregistry.core.error.ConflictException if the name is taken; the existing
     *         user is untouched
     */
    void insert(UserAccount user);

    /** The user with this name, or empty. */
    Optional<UserAccount> find(String name);

    /** Every user, ordered by name. */
    List<UserAccount> list();

    /**
     * Removes a user. Idempotent.
     *
     * @return whether the user existed
     */
    boolean delete(String name);
}
