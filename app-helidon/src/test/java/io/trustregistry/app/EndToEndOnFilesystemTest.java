package io.trustregistry.app;

import java.util.Map;

/** The end-to-end session on the zero-configuration default: everything on local disk. */
class EndToEndOnFilesystemTest extends EndToEndSessionTest {
    @Override
    Map<String, String> backend() {
        return Map.of();
    }
}
