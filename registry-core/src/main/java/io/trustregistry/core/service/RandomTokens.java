package io.trustregistry.core.service;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable identifiers for users and tokens. */
public final class RandomTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomTokens() {
    }

    /** 128 random bits, URL-safe base64 without padding (22 characters). */
    public static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
