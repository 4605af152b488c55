package io.trustregistry.app.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Where the JWT signing secret comes from: the configured value, or (for a single server on
 * local disk) a random 256-bit secret generated once and kept in the data directory with
 * owner-only permissions, so tokens survive restarts.
 */
public final class JwtSecrets {

    private static final SecureRandom SECRETS = new SecureRandom();

    static final String FILE_NAME = "jwt-secret";

    private JwtSecrets() {
    }

    /** The configured secret's bytes, or the data directory's, generating it if absent. */
    public static byte[] resolve(Optional<String> configured, Path dataDirectory) {
        if (configured.isPresent()) {
            byte[] bytes = configured.get().getBytes(StandardCharsets.UTF_8);
            if (bytes.length < JwtTokenCodec.MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("REGISTRY_JWT_SECRET must be at least "
                        + JwtTokenCodec.MIN_SECRET_BYTES + " bytes (for example: openssl rand -hex 32)");
            }
            return bytes;
        }
        Path file = dataDirectory.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[32];
                SECRETS.nextBytes(random);
                Files.createDirectories(dataDirectory);
                Path temp = Files.createTempFile(dataDirectory, ".jwt-secret", ".tmp");
                restrict(temp);
                Files.writeString(temp, Base64.getEncoder().encodeToString(random));
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                    Files.deleteIfExists(temp);
                }
            }
            byte[] secret = Base64.getDecoder().decode(Files.readString(file).strip());
            if (secret.length < JwtTokenCodec.MIN_SECRET_BYTES) {
                throw new IllegalStateException(file + " holds a secret shorter than 32 bytes; delete it to regenerate");
            }
            return secret;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the JWT secret in " + file + ": " + e, e);
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
