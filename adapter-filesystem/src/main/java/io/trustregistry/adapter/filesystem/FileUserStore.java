package io.trustregistry.adapter.filesystem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.trustregistry.core.error.ConflictException;
import io.trustregistry.core.memory.InMemoryUserStore;
import io.trustregistry.core.model.Digest;
import io.trustregistry.core.model.UserAccount;
import io.trustregistry.core.port.out.UserStore;
import io.trustregistry.json.StoredDocuments;

/**
 * Users as one document each, named by the SHA-256 of the user name (names are arbitrary
 * text; file names must not be). Cached in memory; written through before a change shows.
 */
public final class FileUserStore implements UserStore {

    private final DataDirectory directory;
    private final Path users;
    private final InMemoryUserStore cache = new InMemoryUserStore();

    public FileUserStore(DataDirectory directory) {
        this.directory = directory;
        this.users = directory.resolve("users");
        try (Stream<Path> files = Files.list(users)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                cache.insert(StoredDocuments.decodeUser(Files.readAllBytes(file)));
            }
        } catch (IOException e) {
            throw directory.failure("read users", e);
        }
    }

    private Path fileOf(String name) {
        return users.resolve(Digest.of(name.getBytes(StandardCharsets.UTF_8)).hex() + ".json");
    }

    @Override
    public synchronized void insert(UserAccount user) {
        if (cache.find(user.name()).isPresent()) {
            throw new ConflictException("a user named '" + user.name() + "' exists already");
        }
        try {
            directory.files().write(fileOf(user.name()), StoredDocuments.encodeUser(user));
        } catch (IOException e) {
            throw directory.failure("write user", e);
        }
        cache.insert(user);
    }

    @Override
    public Optional<UserAccount> find(String name) {
        return cache.find(name);
    }

    @Override
    public List<UserAccount> list() {
        return cache.list();
    }

    @Override
    public synchronized boolean delete(String name) {
        try {
            directory.files().delete(fileOf(name));
        } catch (IOException e) {
            throw directory.failure("delete user", e);
        }
        return cache.delete(name);
    }
}
