package io.trustregistry.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The embedding API is what {@code module-info.java} exports, and nothing else. */
class ModuleDescriptorTest {

    /** The packages an embedder and an adapter may use. */
    static final Set<String> EXPORTED = Set.of("io.trustregistry.core", "io.trustregistry.core.content",
            "io.trustregistry.core.error", "io.trustregistry.core.license", "io.trustregistry.core.memory",
            "io.trustregistry.core.model", "io.trustregistry.core.port.in", "io.trustregistry.core.port.out",
            "io.trustregistry.core.testing");

    /** The packages that implement the use cases. */
    static final Set<String> INTERNAL = Set.of("io.trustregistry.core.service", "io.trustregistry.core.bundle",
            "io.trustregistry.core.rating", "io.trustregistry.core.lineage", "io.trustregistry.core.confusion",
            "io.trustregistry.core.search");

    private static ModuleDescriptor descriptor() {
        ModuleDescriptor descriptor = Registry.class.getModule().getDescriptor();
        assertNotNull(descriptor, "registry-core's tests run on the module path, inside the module");
        return descriptor;
    }

    @Test
    void exportsTheEmbeddingApiOnly() {
        ModuleDescriptor descriptor = descriptor();
        assertEquals("io.trustregistry.core", descriptor.name());
        assertEquals(EXPORTED, descriptor.exports().stream().filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
        assertEquals(Set.of(), descriptor.exports().stream().filter(ModuleDescriptor.Exports::isQualified)
                .collect(Collectors.toSet()), "no package is exported to chosen friends");
    }

    @Test
    void everyPackageIsEitherExportedOrNamedInternal() {
        Set<String> all = descriptor().packages();
        Set<String> named = new java.util.HashSet<>(EXPORTED);
        named.addAll(INTERNAL);
        assertEquals(all, named, "a new package must be declared exported (module-info.java) or internal here");
    }

    @Test
    void needsNothingButTheJdkAndRe2j() {
        assertEquals(Set.of("java.base", "re2j"), descriptor().requires().stream().map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toSet()));
    }
}
