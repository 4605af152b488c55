package io.trustregistry.adapter.auth;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.trustregistry.core.port.out.PasswordHasher;
import io.trustregistry.core.port.out.TokenCodec;
import io.trustregistry.testkit.PasswordHasherContract;
import io.trustregistry.testkit.TokenCodecContract;

/** The real authentication adapters against the ports' contracts, as the server wires them. */
class AuthAdaptersContractTest {

    @Nested
    class Argon2 extends PasswordHasherContract {
        // cheap parameters: the contract is about behaviour, not cost
        private final PasswordHasher hasher = new Argon2PasswordHasher(
                new Argon2PasswordHasher.Argon2Parameters(1024, 1, 1));

        @Override
        protected PasswordHasher hasher() {
            return hasher;
        }

        @Test
        void hashesAreArgon2idPhcStrings() {
            assertTrue(hasher.hash("correct horse").startsWith("$argon2id$v=19$m=1024,t=1,p=1$"));
        }
    }

    @Nested
    class Jwt extends TokenCodecContract {
        private final TokenCodec codec = new JwtTokenCodec(
                "a signing secret of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8));

        @Override
        protected TokenCodec codec() {
            return codec;
        }

        @Test
        void aSecretShorterThan256BitsIsRefused() {
            assertThrows(IllegalArgumentException.class, () -> new JwtTokenCodec(new byte[31]));
        }
    }
}
