package io.trustregistry.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Settings out of range are refused when they are built, each with a message naming the
 * setting (what an operator reads when the server will not start), and the edges of each range
 * are accepted.
 */
class RegistrySettingsTest {

    static Stream<Arguments> outOfRange() {
        return Stream.of(
                refused("pageSize", b -> b.pageSize(0)),
                refused("pageSize", b -> b.pageSize(10_001)),
                refused("maxQueries", b -> b.maxQueries(0)),
                refused("maxRegexLength", b -> b.maxRegexLength(0)),
                refused("regexTimeBudget", b -> b.regexTimeBudget(Duration.ZERO)),
                refused("tokenLifetime", b -> b.tokenLifetime(Duration.ofSeconds(-1))),
                refused("tokenMaxUses", b -> b.tokenMaxUses(0)),
                refused("minPasswordLength", b -> b.minPasswordLength(0)),
                refused("maxUrlLength", b -> b.maxUrlLength(15)),
                refused("bundle and download limits", b -> b.maxBundleBytes(-1)),
                refused("bundle and download limits", b -> b.smallFileBytes(-1)),
                refused("bundle and download limits", b -> b.maxBundleFiles(-1)),
                refused("bundle and download limits", b -> b.downloadRedirectMinBytes(-1)),
                refused("ratingThreshold", b -> b.ratingThreshold(1.01)),
                refused("ratingThreshold", b -> b.ratingThreshold(Double.NaN)),
                refused("presignTtl", b -> b.presignTtl(Duration.ZERO)),
                refused("loginMaxFailures", b -> b.loginMaxFailures(0)),
                refused("loginMaxLockout", b -> b.loginMaxLockout(Duration.ZERO)),
                refused("userRequestsPerSecond", b -> b.userRequestsPerSecond(-1)),
                refused("userRequestBurst", b -> b.userRequestBurst(0)),
                refused("blobCollectionGrace", b -> b.blobCollectionGrace(Duration.ofMillis(-1))));
    }

    private static Arguments refused(String named, UnaryOperator<RegistrySettings.Builder> change) {
        return Arguments.of(named, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outOfRange")
    void aSettingOutOfRangeIsRefusedByName(String named, UnaryOperator<RegistrySettings.Builder> change) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> change.apply(RegistrySettings.builder()).build());
        assertTrue(refused.getMessage().contains(named), refused.getMessage());
    }

    @Test
    void theEdgesOfEachRangeAreAccepted() {
        RegistrySettings edges = RegistrySettings.builder().pageSize(10_000).maxQueries(1).maxRegexLength(1)
                .minPasswordLength(1).maxUrlLength(16).maxBundleBytes(0).ratingThreshold(1.0)
                .userRequestsPerSecond(0).userRequestBurst(1).blobCollectionGrace(Duration.ZERO).build();
        assertEquals(10_000, edges.pageSize());
        assertEquals(1, edges.maxQueries());
        assertEquals(1, edges.maxRegexLength());
        assertEquals(1, edges.minPasswordLength());
        assertEquals(16, edges.maxUrlLength());
        assertEquals(1.0, edges.ratingThreshold());
        assertEquals(Duration.ZERO, edges.blobCollectionGrace());
    }

    @Test
    void theCopyMethodsChangeOnlyWhatTheyName() {
        RegistrySettings defaults = RegistrySettings.defaults();
        RegistrySettings copy = defaults.withBundleLimits(1_000, 10).withMaxBundleFiles(3);
        assertEquals(1_000, copy.maxBundleBytes());
        assertEquals(10, copy.smallFileBytes());
        assertEquals(3, copy.maxBundleFiles());
        assertEquals(defaults.toBuilder().maxBundleBytes(1_000).smallFileBytes(10).maxBundleFiles(3).build(), copy);
    }
}
