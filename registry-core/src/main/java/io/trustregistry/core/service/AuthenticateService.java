package io.trustregistry.core.service;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

import io.trustregistry.core.error.InvalidCredentialsException;
import io.trustregistry.core.error.InvalidRequestException;
import io.trustregistry.core.model.IssuedToken;
import io.trustregistry.core.model.TokenClaims;
import io.trustregistry.core.model.TokenRecord;
import io.trustregistry.core.model.UserAccount;
import io.trustregistry.core.port.in.AuthenticateUseCase;
import io.trustregistry.core.port.out.PasswordHasher;
import io.trustregistry.core.port.out.TokenCodec;
import io.trustregistry.core.port.out.TokenStore;
import io.trustregistry.core.port.out.UserStore;
import io.trustregistry.core.RegistrySettings;

/** Verifies a password and issues a token bound to the user's current account. */
public final class AuthenticateService implements AuthenticateUseCase {

    private final UserStore users;
    private final TokenStore tokens;
    private final PasswordHasher hasher;
    private final TokenCodec codec;
    private final InstantSource clock;
    private final RegistrySettings settings;
    private final String decoyHash;
    private final LoginThrottle throttle;

    public AuthenticateService(UserStore users, TokenStore tokens, PasswordHasher hasher, TokenCodec codec,
                               InstantSource clock, RegistrySettings settings) {
        this(users, tokens, hasher, codec, clock, settings, new LoginThrottle(settings.loginMaxFailures(),
                settings.loginMaxLockout(), clock));
    }

    public AuthenticateService(UserStore users, TokenStore tokens, PasswordHasher hasher, TokenCodec codec,
                               InstantSource clock, RegistrySettings settings, LoginThrottle throttle) {
        this.users = users;
        this.tokens = tokens;
        this.hasher = hasher;
        this.codec = codec;
        this.clock = clock;
        this.settings = settings;
        // verifying against a decoy for unknown users keeps their timing like a wrong password's
        this.decoyHash = hasher.hash(RandomTokens.newId());
        this.throttle = throttle;
    }

    @Override
    public IssuedToken authenticate(String userName, String password) {
        return authenticate(userName, password, null);
    }

    @Override
    public IssuedToken authenticate(String userName, String password, String client) {
        if (userName == null || userName.isEmpty() || password == null || password.isEmpty()) {
            throw new InvalidRequestException("user name and password are required");
        }
        throttle.checkUser(userName);
        Optional<UserAccount> user = users.find(userName);
        if (user.isEmpty()) {
            hasher.verify(password, decoyHash);
            throttle.failed(userName, client);
            throttle.checkClient(client);
            throw new InvalidCredentialsException("unknown user or wrong password");
        }
        boolean matches = false;
        for (String hash : user.get().passwordHashes()) {
            if (hasher.verify(password, hash)) {
                matches = true;
                break;
            }
        }
        if (!matches) {
            throttle.failed(userName, client);
            throttle.checkClient(client);
            throw new InvalidCredentialsException("unknown user or wrong password");
        }
        throttle.succeeded(userName);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(settings.tokenLifetime());
        TokenRecord record = new TokenRecord(RandomTokens.newId(), userName, user.get().uid(), now, expiresAt,
                settings.tokenMaxUses());
        tokens.save(record);
        String token = codec.encode(new TokenClaims(record.tokenId(), userName, now, expiresAt));
        return new IssuedToken(token, expiresAt, record.maxUses());
    }
}
