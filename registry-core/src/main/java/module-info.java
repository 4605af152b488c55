/**
 * The registry's framework-free core: what an embedding application and an adapter may use.
 *
 * <p>Exported: {@link io.trustregistry.core.Registry} and its settings, the domain records
 * ({@code model}), the errors a use case raises ({@code error}), the use cases ({@code port.in}),
 * the ports an adapter implements with their contracts ({@code port.out}), the content store
 * that writes blobs above any driver ({@code content}), the in-memory adapters ({@code memory}),
 * the test doubles ({@code testing}) and the SPDX license table ({@code license}).
 *
 * <p>Internal: the use cases' implementations ({@code service}), bundle ingest ({@code bundle}),
 * the metric formulas ({@code rating}), lineage links ({@code lineage}), package-confusion
 * scoring ({@code confusion}) and regex search ({@code search}). They change without notice.
 */
module io.trustregistry.core {
    requires re2j; // RE2/J ships no module name: its automatic one comes from the jar file

    exports io.trustregistry.core;
    exports io.trustregistry.core.content;
    exports io.trustregistry.core.error;
    exports io.trustregistry.core.license;
    exports io.trustregistry.core.memory;
    exports io.trustregistry.core.model;
    exports io.trustregistry.core.port.in;
    exports io.trustregistry.core.port.out;
    exports io.trustregistry.core.testing;
}
