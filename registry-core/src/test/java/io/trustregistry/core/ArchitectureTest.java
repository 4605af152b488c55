package io.trustregistry.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency rule of the hexagon: the core depends on the JDK and RE2/J only, and inside
 * it the domain model knows nothing of ports, services or adapters.
 */
@AnalyzeClasses(packages = "io.trustregistry.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreDependsOnNothingOutward = classes()
            .that().resideInAPackage("io.trustregistry.core..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("io.trustregistry.core..", "java..", "javax.crypto..", "com.google.re2j..")
            .because("registry-core is framework-free: adapters plug into it, never the reverse");

    @ArchTest
    static final ArchRule modelIsPure = noClasses()
            .that().resideInAPackage("io.trustregistry.core.model..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("io.trustregistry.core.port..", "io.trustregistry.core.service..",
                    "io.trustregistry.core.memory..")
            .because("domain records are the innermost layer");

    @ArchTest
    static final ArchRule portsDoNotDependOnImplementations = noClasses()
            .that().resideInAPackage("io.trustregistry.core.port..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("io.trustregistry.core.service..", "io.trustregistry.core.memory..");

    @ArchTest
    static final ArchRule servicesDoNotDependOnInMemoryAdapters = noClasses()
            .that().resideInAPackage("io.trustregistry.core.service..")
            .should().dependOnClassesThat().resideInAPackage("io.trustregistry.core.memory..")
            .because("use cases see adapters only through their ports");

    /**
     * What {@code module-info.java} exports must not lean on what it hides, or an embedder would
     * meet internal types; only {@link Registry}, the core's own composition root, builds them.
     */
    @ArchTest
    static final ArchRule exportedPackagesDoNotDependOnInternalOnes = noClasses()
            .that().resideInAnyPackage(ModuleDescriptorTest.EXPORTED.toArray(String[]::new))
            .and().doNotHaveFullyQualifiedName(Registry.class.getName())
            .and().doNotHaveFullyQualifiedName(Registry.Builder.class.getName())
            .should().dependOnClassesThat().resideInAnyPackage(ModuleDescriptorTest.INTERNAL.toArray(String[]::new))
            .because("the internal packages change without notice");
}
