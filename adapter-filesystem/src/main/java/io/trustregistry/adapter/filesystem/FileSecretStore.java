package io.trustregistry.adapter.filesystem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import io.trustregistry.core.port.out.SecretNames;
import io.trustregistry.core.port.out.SecretStore;

/**
 * Secrets as files in the data directory root ({@code <name>}, Base64, owner-only
 * permissions), written atomically. The data directory's lock means one process at a time;
 * inside it, creation is serialised, so concurrent first calls agree.
 */
public final class FileSecretStore implements SecretStore {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Serialises creation across every store on every directory of this process. */
    private static final Object CREATION = new Object();

    private final DataDirectory directory;

    public FileSecretStore(DataDirectory directory) {
        this.directory = directory;
    }

    @Override
    public byte[] getOrCreate(String name, int bytes) {
        SecretNames.check(name, bytes);
        Path file = directory.resolve(name);
        try {
            synchronized (CREATION) {
                if (!Files.exists(file)) {
                    byte[] secret = new byte[bytes];
                    RANDOM.nextBytes(secret);
                    Path temp = directory.files().newTempFile();
                    try {
                        restrict(temp);
                        Files.write(temp, Base64.getEncoder().encode(secret));
                        directory.files().publish(temp, file);
                    } finally {
                        Files.deleteIfExists(temp);
                    }
                }
            }
            byte[] secret = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.UTF_8).strip());
            if (secret.length < SecretNames.MIN_BYTES) {
                throw new IllegalStateException("the secret '" + name + "' in the data directory is shorter than "
                        + SecretNames.MIN_BYTES + " bytes; delete that file to have a new one made");
            }
            return secret;
        } catch (IOException e) {
            if (DataDirectory.isDiskFull(e)) {
                throw directory.failure("create the secret '" + name + "'", e);
            }
            // never a new secret in place of one that exists but cannot be read: every token signed
            // with the old one would stop verifying, silently
            throw new io.trustregistry.core.error.DependencyUnavailableException("cannot read or create the secret '"
                    + name + "' in the data directory " + directory.root() + " (" + e + "): the server does not"
                    + " start without it; make the file readable by the registry's user, restore it from a backup,"
                    + " or delete it to have a new one made (for jwt-secret that signs every user out; setting"
                    + " REGISTRY_JWT_SECRET replaces it)", e);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalStateException("the secret '" + name + "' in the data directory is damaged (not Base64);"
                    + " delete that file to have a new one made", notBase64);
        }
    }

    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the directory's own protection must do
        }
    }
}
