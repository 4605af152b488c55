package io.trustregistry.core.model;

import java.time.Instant;

/**
 * A freshly issued credential.
 *
 * @param token     the opaque string the client sends back
 * @param expiresAt when it stops working at the latest
 * @param maxUses   how many calls it authorises
 */
public record IssuedToken(String token, Instant expiresAt, long maxUses) {
}
