package io.trustregistry.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.trustregistry.core.error.ConflictException;
import io.trustregistry.core.error.InvalidCredentialsException;
import io.trustregistry.core.error.InvalidRequestException;
import io.trustregistry.core.error.NotAuthenticatedException;
import io.trustregistry.core.error.NotFoundException;
import io.trustregistry.core.error.PermissionDeniedException;
import io.trustregistry.core.model.Permission;
import io.trustregistry.core.model.Principal;
import io.trustregistry.core.port.in.RegisterUserUseCase;

class AuthenticationUseCasesTest {

    private final TestRegistry t = new TestRegistry();
    private final Registry registry = t.registry;

    @Test
    void everySpellingOfTheDefaultPasswordLogsIn() {
        for (String password : DefaultAdmin.PASSWORDS) {
            Principal admin = t.login(DefaultAdmin.NAME, password);
            assertTrue(admin.admin());
            assertEquals(Set.of(Permission.values()), admin.permissions());
        }
    }

    @Test
    void wrongPasswordsAndUnknownUsersAreRefusedAlike() {
        InvalidCredentialsException wrong = assertThrows(InvalidCredentialsException.class,
                () -> registry.authenticate().authenticate(DefaultAdmin.NAME, "correcthorsebatterystaple123"));
        InvalidCredentialsException unknown = assertThrows(InvalidCredentialsException.class,
                () -> registry.authenticate().authenticate("nobody", DefaultAdmin.PASSWORDS.get(0)));
        assertEquals(wrong.getMessage(), unknown.getMessage());
        assertThrows(InvalidRequestException.class, () -> registry.authenticate().authenticate("", "x"));
    }

    @Test
    void repeatedFailuresLockTheUserOutForAWaitThatDoublesThenASuccessClearsIt() {
        String name = DefaultAdmin.NAME;
        String right = DefaultAdmin.PASSWORDS.get(0);
        Principal root = t.admin();
        for (int i = 0; i < 10; i++) {
            assertThrows(InvalidCredentialsException.class,
                    () -> registry.authenticate().authenticate(name, "guess", "10.9.9.9"));
        }
        io.trustregistry.core.error.TooManyRequestsException locked = assertThrows(
                io.trustregistry.core.error.TooManyRequestsException.class,
                () -> registry.authenticate().authenticate(name, right, "10.9.9.9"));
        assertTrue(locked.retryAfter().toMillis() > 0 && locked.getMessage().contains("for this user"),
                locked.getMessage());
        t.advance(java.time.Duration.ofSeconds(2));
        assertThrows(InvalidCredentialsException.class,
                () -> registry.authenticate().authenticate(name, "guess", "10.9.9.9"));
        io.trustregistry.core.error.TooManyRequestsException longer = assertThrows(
                io.trustregistry.core.error.TooManyRequestsException.class,
                () -> registry.authenticate().authenticate(name, right, "10.9.9.9"));
        assertTrue(longer.retryAfter().compareTo(locked.retryAfter()) > 0, "the wait doubles");
        // another user is not affected
        registry.registerUser().register(root, new io.trustregistry.core.port.in.RegisterUserUseCase.Command(
                "bystander", "a long enough password", false, Set.of(Permission.SEARCH)));
        registry.authenticate().authenticate("bystander", "a long enough password", "10.9.9.9");
        t.advance(java.time.Duration.ofMinutes(16));
        registry.authenticate().authenticate(name, right, "10.9.9.9");
        // the success cleared the record: one more failure is just a failure
        assertThrows(InvalidCredentialsException.class,
                () -> registry.authenticate().authenticate(name, "guess", "10.9.9.9"));
        registry.authenticate().authenticate(name, right, "10.9.9.9");
    }

    @Test
    void aBusyAddressIsNeverRefusedACorrectPasswordButItsGuessesAre429() {
        for (int i = 0; i < 99; i++) {
            String name = "guessed-" + i;
            assertThrows(InvalidCredentialsException.class,
                    () -> registry.authenticate().authenticate(name, "guess", "203.0.113.7"));
        }
        // the default admin, behind the same NAT or load balancer, still signs in
        registry.authenticate().authenticate(DefaultAdmin.NAME, DefaultAdmin.PASSWORDS.get(0), "203.0.113.7");
        assertThrows(io.trustregistry.core.error.TooManyRequestsException.class,
                () -> registry.authenticate().authenticate("guessed-x", "guess", "203.0.113.7"));
        // a reset forgets every record
        registry.reset().reset(t.admin());
        assertThrows(InvalidCredentialsException.class,
                () -> registry.authenticate().authenticate("guessed-x", "guess", "203.0.113.7"));
    }

    @Test
    void tokensAreAcceptedWithBearerPrefixAndQuotes() {
        String token = registry.authenticate().authenticate(DefaultAdmin.NAME, DefaultAdmin.PASSWORDS.get(1)).token();
        assertEquals(DefaultAdmin.NAME, registry.authorizeCall().authorizeCall("bearer " + token).userName());
        assertEquals(DefaultAdmin.NAME, registry.authorizeCall().authorizeCall("\"Bearer " + token + "\"").userName());
        assertEquals(DefaultAdmin.NAME, registry.authorizeCall().authorizeCall("  BEARER   " + token).userName());
    }

    @Test
    void missingOrForgedTokensAreNotAuthenticated() {
        assertThrows(NotAuthenticatedException.class, () -> registry.authorizeCall().authorizeCall(null));
        assertThrows(NotAuthenticatedException.class, () -> registry.authorizeCall().authorizeCall(""));
        assertThrows(NotAuthenticatedException.class, () -> registry.authorizeCall().authorizeCall("bearer forged"));
        assertThrows(NotAuthenticatedException.class,
                () -> registry.authorizeCall().authorizeCall("x".repeat(100_000)));
    }

    @Test
    void tokensExpireAfterTenHours() {
        String token = registry.authenticate().authenticate(DefaultAdmin.NAME, DefaultAdmin.PASSWORDS.get(0)).token();
        t.advance(Duration.ofHours(10).minusSeconds(1));
        registry.authorizeCall().authorizeCall(token);
        t.advance(Duration.ofSeconds(1));
        NotAuthenticatedException e = assertThrows(NotAuthenticatedException.class,
                () -> registry.authorizeCall().authorizeCall(token));
        assertTrue(e.getMessage().contains("expired"));
    }

    @Test
    void tokensAreUsedUpAfterTheirCallLimitAndOthersCarryOn() {
        TestRegistry small = new TestRegistry(RegistrySettings.defaults().withTokens(Duration.ofHours(10), 3));
        String first = small.registry.authenticate().authenticate(DefaultAdmin.NAME, DefaultAdmin.PASSWORDS.get(0))
                .token();
        String second = small.registry.authenticate().authenticate(DefaultAdmin.NAME, DefaultAdmin.PASSWORDS.get(0))
                .token();
        for (int i = 0; i < 3; i++) {
            small.registry.authorizeCall().authorizeCall(first);
        }
        NotAuthenticatedException e = assertThrows(NotAuthenticatedException.class,
                () -> small.registry.authorizeCall().authorizeCall(first));
        assertTrue(e.getMessage().contains("maximum"));
        assertEquals(DefaultAdmin.NAME, small.registry.authorizeCall().authorizeCall(second).userName());
    }

    @Test
    void adminsRegisterUsersWithPermissionsAndOthersMayNot() {
        Principal admin = t.admin();
        registry.registerUser().register(admin,
                new RegisterUserUseCase.Command("reader", "reader-password", false, Set.of(Permission.SEARCH)));
        Principal reader = t.login("reader", "reader-password");
        assertFalse(reader.admin());
        assertEquals(Set.of(Permission.SEARCH), reader.permissions());
        assertThrows(PermissionDeniedException.class, () -> registry.registerUser().register(reader,
                new RegisterUserUseCase.Command("other", "other-password", false, Set.of())));
        assertThrows(PermissionDeniedException.class, () -> registry.listUsers().list(reader));
        assertThrows(ConflictException.class, () -> registry.registerUser().register(admin,
                new RegisterUserUseCase.Command("reader", "another-password", false, Set.of())));
        assertThrows(InvalidRequestException.class, () -> registry.registerUser().register(admin,
                new RegisterUserUseCase.Command("shorty", "short", false, Set.of())));
        assertEquals(2, registry.listUsers().list(admin).size());
    }

    @Test
    void usersDeleteThemselvesAndAdminsDeleteAnyoneButTheDefaultAdmin() {
        Principal admin = t.admin();
        for (String name : new String[] {"alice", "bob"}) {
            registry.registerUser().register(admin,
                    new RegisterUserUseCase.Command(name, name + "-password", false, Set.of(Permission.SEARCH)));
        }
        Principal alice = t.login("alice", "alice-password");
        String bobToken = registry.authenticate().authenticate("bob", "bob-password").token();
        assertThrows(PermissionDeniedException.class, () -> registry.deleteUser().delete(alice, "bob"));
        registry.deleteUser().delete(alice, "alice");
        registry.deleteUser().delete(admin, "bob");
        assertThrows(NotAuthenticatedException.class, () -> registry.authorizeCall().authorizeCall(bobToken));
        assertThrows(NotFoundException.class, () -> registry.deleteUser().delete(admin, "bob"));
        assertThrows(ConflictException.class, () -> registry.deleteUser().delete(admin, DefaultAdmin.NAME));
    }

    @Test
    void aRecreatedAccountDoesNotInheritTheOldAccountsTokens() {
        Principal admin = t.admin();
        RegisterUserUseCase.Command carol = new RegisterUserUseCase.Command("carol", "carol-password", false,
                Set.of(Permission.SEARCH));
        registry.registerUser().register(admin, carol);
        String oldToken = registry.authenticate().authenticate("carol", "carol-password").token();
        // the account vanishes but its token record stays behind: the uid binding must catch it
        t.users.delete("carol");
        registry.registerUser().register(admin, carol);
        assertThrows(NotAuthenticatedException.class, () -> registry.authorizeCall().authorizeCall(oldToken));
    }

    @Test
    void resetKeepsTheDefaultAdminsTokenAndDropsOtherUsers() {
        String token = registry.authenticate().authenticate(DefaultAdmin.NAME, DefaultAdmin.PASSWORDS.get(2)).token();
        Principal admin = registry.authorizeCall().authorizeCall(token);
        registry.registerUser().register(admin,
                new RegisterUserUseCase.Command("temp", "temp-password", true, Set.of()));
        Principal temp = t.login("temp", "temp-password");
        registry.reset().reset(admin);
        assertEquals(DefaultAdmin.NAME, registry.authorizeCall().authorizeCall(token).userName());
        assertEquals(1, registry.listUsers().list(admin).size());
        assertThrows(InvalidCredentialsException.class,
                () -> registry.authenticate().authenticate("temp", "temp-password"));
        assertEquals("temp", temp.userName());
    }

    @Test
    void onlyAdminsReset() {
        Principal admin = t.admin();
        registry.registerUser().register(admin, new RegisterUserUseCase.Command("uploader", "uploader-password",
                false, Set.of(Permission.UPLOAD, Permission.SEARCH, Permission.DOWNLOAD)));
        Principal uploader = t.login("uploader", "uploader-password");
        assertThrows(PermissionDeniedException.class, () -> registry.reset().reset(uploader));
    }
}
