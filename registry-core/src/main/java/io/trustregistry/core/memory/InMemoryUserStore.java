package io.trustregistry.core.memory;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

import io.trustregistry.core.error.ConflictException;
import io.trustregistry.core.model.UserAccount;
import io.trustregistry.core.port.out.UserStore;

/** Users held in memory. */
public final class InMemoryUserStore implements UserStore {

    private final ConcurrentSkipListMap<String, UserAccount> users = new ConcurrentSkipListMap<>();

    @Override
    public void insert(UserAccount user) {
        if (users.putIfAbsent(user.name(), user) != null) {
            throw new ConflictException("a user named '" + user.name() + "' exists already");
        }
    }

    @Override
    public Optional<UserAccount> find(String name) {
        return Optional.ofNullable(users.get(name));
    }

    @Override
    public List<UserAccount> list() {
        return List.copyOf(users.values());
    }

    @Override
    public boolean delete(String name) {
        return users.remove(name) != null;
    }
}
