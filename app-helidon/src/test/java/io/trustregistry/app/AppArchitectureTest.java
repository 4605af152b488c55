package io.trustregistry.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The HTTP shell talks to the core's use cases only; which adapters run is decided in one
 * place, the composition root ({@code wiring}).
 */
@AnalyzeClasses(packages = "io.trustregistry", importOptions = ImportOption.DoNotIncludeTests.class)
class AppArchitectureTest {

    @ArchTest
    static final ArchRule httpLayerKnowsNoAdapters = noClasses()
            .that().resideInAPackage("io.trustregistry.app.http..")
            .should().dependOnClassesThat().resideInAnyPackage("io.trustregistry.adapter..",
                    "io.trustregistry.core.memory..", "io.trustregistry.core.service..", "io.trustregistry.app.wiring..")
            .because("endpoints depend on use-case ports, never on adapters or their implementations");

    @ArchTest
    static final ArchRule adaptersDoNotKnowEachOther = noClasses()
            .that().resideInAPackage("io.trustregistry.adapter.filesystem..")
            .should().dependOnClassesThat().resideInAPackage("io.trustregistry.adapter.hub..");

    @ArchTest
    static final ArchRule hubAdapterKnowsNoStorage = noClasses()
            .that().resideInAPackage("io.trustregistry.adapter.hub..")
            .should().dependOnClassesThat().resideInAnyPackage("io.trustregistry.adapter.filesystem..",
                    "io.trustregistry.json..");

    @ArchTest
    static final ArchRule coreKnowsNoFramework = noClasses()
            .that().resideInAPackage("io.trustregistry.core..")
            .should().dependOnClassesThat().resideInAnyPackage("io.helidon..", "com.fasterxml..", "com.nimbusds..",
                    "io.trustregistry.app..", "io.trustregistry.adapter..");
}
