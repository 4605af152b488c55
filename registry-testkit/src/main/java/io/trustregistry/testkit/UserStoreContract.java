package io.trustregistry.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.trustregistry.core.error.ConflictException;
import io.trustregistry.core.model.Permission;
import io.trustregistry.core.model.UserAccount;
import io.trustregistry.core.port.out.UserStore;

/** What every {@link UserStore} must do. */
public abstract class UserStoreContract {

    protected UserStore users;

    /** A new, empty store. */
    protected abstract UserStore newStore() throws Exception;

    /** Releases what {@link #newStore()} acquired. */
    protected void closeStore(UserStore store) throws Exception {
    }

    @BeforeEach
    void open() throws Exception {
        users = newStore();
    }

    @AfterEach
    void close() throws Exception {
        closeStore(users);
    }

    /** A user with the given name and permissions. */
    public static UserAccount user(String name, Permission... permissions) {
        return new UserAccount(name, "uid-" + name, false, Set.of(permissions), List.of("$hash$" + name),
                TestArtifacts.T0);
    }

    @Test
    void insertedUsersReadBackEqual() {
        UserAccount alice = user("alice", Permission.SEARCH, Permission.DOWNLOAD);
        UserAccount admin = new UserAccount("root'; DROP TABLE users; --", "uid-root", true, Set.of(),
                List.of("$a$1", "$a$2", "$a$3"), TestArtifacts.T0);
        users.insert(alice);
        users.insert(admin);
        assertEquals(Optional.of(alice), users.find("alice"));
        assertEquals(Optional.of(admin), users.find(admin.name()));
        assertEquals(Optional.empty(), users.find("ALICE"));
    }

    @Test
    void aTakenNameConflictsAndKeepsTheOriginal() {
        UserAccount original = user("bob", Permission.UPLOAD);
        users.insert(original);
        assertThrows(ConflictException.class, () -> users.insert(user("bob", Permission.SEARCH)));
        assertEquals(Optional.of(original), users.find("bob"));
    }

    @Test
    void listIsOrderedByName() {
        users.insert(user("carol"));
        users.insert(user("alice"));
        users.insert(user("bob"));
        assertEquals(List.of("alice", "bob", "carol"), users.list().stream().map(UserAccount::name).toList());
    }

    @Test
    void deleteIsIdempotent() {
        users.insert(user("dave"));
        assertTrue(users.delete("dave"));
        assertFalse(users.delete("dave"));
        assertEquals(Optional.empty(), users.find("dave"));
        users.insert(user("dave", Permission.SEARCH));
        assertEquals(Set.of(Permission.SEARCH), users.find("dave").orElseThrow().permissions());
    }

    @Test
    void ofConcurrentInsertsOfOneNameExactlyOneWins() throws Exception {
        AtomicInteger wins = new AtomicInteger();
        Concurrently.run(8, () -> {
            try {
                users.insert(user("race"));
                wins.incrementAndGet();
            } catch (ConflictException expected) {
                // lost the race
            }
            return null;
        });
        assertEquals(1, wins.get());
    }
}
