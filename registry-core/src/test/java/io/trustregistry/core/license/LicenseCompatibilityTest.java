package io.trustregistry.core.license;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The combination rules of {@link LicenseCompatibility} (docs/licensing.md), one row per rule
 * and family, with published license names as the hubs write them.
 */
class LicenseCompatibilityTest {

    @ParameterizedTest(name = "code {0} with model {1}: {2}")
    @CsvSource({
        // unknown or missing terms on either side: no rights can be established
        "my-own-terms, MIT, false",
        "MIT, my-own-terms, false",
        // no derivatives, on the model's side or the code's
        "MIT, cc-by-nd-4.0, false",
        "cc-by-nc-nd-4.0, MIT, false",
        // permissive and weak-copyleft code: every model that allows derivatives ...
        "MIT, apache-2.0, true",
        "MIT, gpl-2.0, true",
        "lgpl-2.1, openrail, true",
        "mpl-2.0, cc-by-nc-4.0, true",
        // ... except Apache-2.0 code with a GPL-2.0-only model (the patent clause)
        "apache-2.0, gpl-2.0, false",
        // GPL-2.0-only code: no further restrictions, and not with Apache-2.0
        "gpl-2.0, MIT, true",
        "gpl-2.0, apache-2.0, false",
        "gpl-2.0, lgpl-2.1, true",
        "gpl-2.0, gpl-2.0-only, true",
        "gpl-2.0, gpl-3.0, false",
        "gpl-2.0, cc-by-nc-4.0, false",
        // GPL-3.0 code: permissive (Apache-2.0 included), weak copyleft and GPL-3.0-compatible models
        "gpl-3.0, apache-2.0, true",
        "gpl-3.0, lgpl-3.0, true",
        "gpl-3.0, agpl-3.0, true",
        "gpl-3.0, gpl-2.0, false",
        "gpl-3.0, llama3, false",
        "gpl-3.0, cc-by-sa-4.0, false",
        // share-alike, non-commercial and use-restricted code: anything but GPL models
        "cc-by-sa-4.0, MIT, true",
        "cc-by-sa-4.0, cc-by-nc-4.0, true",
        "llama3, openrail, true",
        "cc-by-nc-4.0, gpl-3.0, false",
        "cc-by-sa-4.0, gpl-2.0, false",
    })
    void combines(String code, String model, boolean expected) {
        assertEquals(expected, LicenseCompatibility.compatible(SpdxLicenses.classify(Optional.of(code)),
                SpdxLicenses.classify(Optional.of(model))));
    }

    @ParameterizedTest(name = "{0} with LGPL-2.1 code: {1}")
    @CsvSource({
        "MIT, true", "lgpl-2.1, true", "gpl-2.0, true", "gpl-3.0, true",
        "llama3, false", "cc-by-nc-4.0, false", "cc-by-sa-4.0, false", "cc-by-nd-4.0, false", "my-own-terms, false",
    })
    void theLicenseMetricsYardstickIsLgpl21(String license, boolean expected) {
        assertEquals(expected, LicenseCompatibility.compatibleWithLgpl21(SpdxLicenses.classify(Optional.of(license))));
    }

    @Test
    void noPublishedLicenseIsUnknownAndCombinesWithNothing() {
        SpdxLicenses.Classified none = SpdxLicenses.classify(Optional.empty());
        assertEquals(LicenseFamily.UNKNOWN, none.family());
        assertEquals(false, LicenseCompatibility.compatible(none, SpdxLicenses.classify(Optional.of("MIT"))));
    }

    @Test
    void namesAreMatchedIgnoringCaseSpacesAndTheLicenseTagPrefix() {
        assertEquals(new SpdxLicenses.Classified("Apache-2.0", LicenseFamily.PERMISSIVE),
                SpdxLicenses.classify(Optional.of("  License: Apache-2.0 ")));
        assertEquals(new SpdxLicenses.Classified("Custom-1.0", LicenseFamily.UNKNOWN),
                SpdxLicenses.classify(Optional.of(" Custom-1.0 ")), "an unknown name is kept as published, trimmed");
    }
}
