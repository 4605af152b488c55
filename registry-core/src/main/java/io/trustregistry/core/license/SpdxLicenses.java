package io.trustregistry.core.license;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps the license names hubs publish (Hugging Face's lower-case keys, GitHub's SPDX ids,
 * free text in a README's license section) to SPDX identifiers and {@link LicenseFamily}s.
 */
public final class SpdxLicenses {

    /** A classified license. */
    public record Classified(String spdxId, LicenseFamily family) {
    }

    private static final Map<String, Classified> KNOWN = Map.ofEntries(
            entry("mit", "MIT", LicenseFamily.PERMISSIVE),
            entry("apache-2.0", "Apache-2.0", LicenseFamily.PERMISSIVE),
            entry("apache 2.0", "Apache-2.0", LicenseFamily.PERMISSIVE),
            entry("apache license 2.0", "Apache-2.0", LicenseFamily.PERMISSIVE),
            entry("bsd", "BSD-3-Clause", LicenseFamily.PERMISSIVE),
            entry("bsd-2-clause", "BSD-2-Clause", LicenseFamily.PERMISSIVE),
            entry("bsd-3-clause", "BSD-3-Clause", LicenseFamily.PERMISSIVE),
            entry("bsd-3-clause-clear", "BSD-3-Clause-Clear", LicenseFamily.PERMISSIVE),
            entry("isc", "ISC", LicenseFamily.PERMISSIVE),
            entry("zlib", "Zlib", LicenseFamily.PERMISSIVE),
            entry("unlicense", "Unlicense", LicenseFamily.PERMISSIVE),
            entry("cc0-1.0", "CC0-1.0", LicenseFamily.PERMISSIVE),
            entry("cc-by-2.0", "CC-BY-2.0", LicenseFamily.PERMISSIVE),
            entry("cc-by-3.0", "CC-BY-3.0", LicenseFamily.PERMISSIVE),
            entry("cc-by-4.0", "CC-BY-4.0", LicenseFamily.PERMISSIVE),
            entry("bsl-1.0", "BSL-1.0", LicenseFamily.PERMISSIVE),
            entry("afl-3.0", "AFL-3.0", LicenseFamily.PERMISSIVE),
            entry("artistic-2.0", "Artistic-2.0", LicenseFamily.PERMISSIVE),
            entry("ecl-2.0", "ECL-2.0", LicenseFamily.PERMISSIVE),
            entry("wtfpl", "WTFPL", LicenseFamily.PERMISSIVE),
            entry("postgresql", "PostgreSQL", LicenseFamily.PERMISSIVE),
            entry("ncsa", "NCSA", LicenseFamily.PERMISSIVE),
            entry("odc-by", "ODC-By-1.0", LicenseFamily.PERMISSIVE),
            entry("odc-by-1.0", "ODC-By-1.0", LicenseFamily.PERMISSIVE),
            entry("pddl", "PDDL-1.0", LicenseFamily.PERMISSIVE),
            entry("pddl-1.0", "PDDL-1.0", LicenseFamily.PERMISSIVE),
            entry("cdla-permissive-1.0", "CDLA-Permissive-1.0", LicenseFamily.PERMISSIVE),
            entry("cdla-permissive-2.0", "CDLA-Permissive-2.0", LicenseFamily.PERMISSIVE),
            entry("lgpl-2.1", "LGPL-2.1-only", LicenseFamily.WEAK_COPYLEFT),
            entry("lgpl-2.1-only", "LGPL-2.1-only", LicenseFamily.WEAK_COPYLEFT),
            entry("lgpl-2.1-or-later", "LGPL-2.1-or-later", LicenseFamily.WEAK_COPYLEFT),
            entry("lgpl-3.0", "LGPL-3.0-only", LicenseFamily.WEAK_COPYLEFT),
            entry("lgpl-3.0-only", "LGPL-3.0-only", LicenseFamily.WEAK_COPYLEFT),
            entry("lgpl-3.0-or-later", "LGPL-3.0-or-later", LicenseFamily.WEAK_COPYLEFT),
            entry("lgpl-lr", "LGPLLR", LicenseFamily.WEAK_COPYLEFT),
            entry("mpl-2.0", "MPL-2.0", LicenseFamily.WEAK_COPYLEFT),
            entry("epl-1.0", "EPL-1.0", LicenseFamily.WEAK_COPYLEFT),
            entry("epl-2.0", "EPL-2.0", LicenseFamily.WEAK_COPYLEFT),
            entry("cddl-1.0", "CDDL-1.0", LicenseFamily.WEAK_COPYLEFT),
            entry("osl-3.0", "OSL-3.0", LicenseFamily.STRONG_COPYLEFT_V3),
            entry("gpl-2.0", "GPL-2.0-only", LicenseFamily.STRONG_COPYLEFT_V2),
            entry("gpl-2.0-only", "GPL-2.0-only", LicenseFamily.STRONG_COPYLEFT_V2),
            entry("gpl-2.0-or-later", "GPL-2.0-or-later", LicenseFamily.STRONG_COPYLEFT_V3),
            entry("gpl", "GPL-3.0-only", LicenseFamily.STRONG_COPYLEFT_V3),
            entry("gpl-3.0", "GPL-3.0-only", LicenseFamily.STRONG_COPYLEFT_V3),
            entry("gpl-3.0-only", "GPL-3.0-only", LicenseFamily.STRONG_COPYLEFT_V3),
            entry("gpl-3.0-or-later", "GPL-3.0-or-later", LicenseFamily.STRONG_COPYLEFT_V3),
            entry("agpl-3.0", "AGPL-3.0-only", LicenseFamily.STRONG_COPYLEFT_V3),
            entry("agpl-3.0-only", "AGPL-3.0-only", LicenseFamily.STRONG_COPYLEFT_V3),
            entry("agpl-3.0-or-later", "AGPL-3.0-or-later", LicenseFamily.STRONG_COPYLEFT_V3),
            entry("cc-by-sa-3.0", "CC-BY-SA-3.0", LicenseFamily.SHARE_ALIKE),
            entry("cc-by-sa-4.0", "CC-BY-SA-4.0", LicenseFamily.SHARE_ALIKE),
            entry("odbl", "ODbL-1.0", LicenseFamily.SHARE_ALIKE),
            entry("odbl-1.0", "ODbL-1.0", LicenseFamily.SHARE_ALIKE),
            entry("cdla-sharing-1.0", "CDLA-Sharing-1.0", LicenseFamily.SHARE_ALIKE),
            entry("openrail", "OpenRAIL", LicenseFamily.USE_RESTRICTED),
            entry("openrail++", "OpenRAIL++", LicenseFamily.USE_RESTRICTED),
            entry("bigscience-openrail-m", "BigScience-OpenRAIL-M", LicenseFamily.USE_RESTRICTED),
            entry("creativeml-openrail-m", "CreativeML-OpenRAIL-M", LicenseFamily.USE_RESTRICTED),
            entry("bigscience-bloom-rail-1.0", "BigScience-BLOOM-RAIL-1.0", LicenseFamily.USE_RESTRICTED),
            entry("bigcode-openrail-m", "BigCode-OpenRAIL-M", LicenseFamily.USE_RESTRICTED),
            entry("llama2", "Llama-2", LicenseFamily.USE_RESTRICTED),
            entry("llama3", "Llama-3", LicenseFamily.USE_RESTRICTED),
            entry("llama3.1", "Llama-3.1", LicenseFamily.USE_RESTRICTED),
            entry("llama3.2", "Llama-3.2", LicenseFamily.USE_RESTRICTED),
            entry("llama3.3", "Llama-3.3", LicenseFamily.USE_RESTRICTED),
            entry("gemma", "Gemma", LicenseFamily.USE_RESTRICTED),
            entry("deepfloyd-if-license", "DeepFloyd-IF", LicenseFamily.USE_RESTRICTED),
            entry("cc-by-nc-2.0", "CC-BY-NC-2.0", LicenseFamily.NON_COMMERCIAL),
            entry("cc-by-nc-3.0", "CC-BY-NC-3.0", LicenseFamily.NON_COMMERCIAL),
            entry("cc-by-nc-4.0", "CC-BY-NC-4.0", LicenseFamily.NON_COMMERCIAL),
            entry("cc-by-nc-sa-2.0", "CC-BY-NC-SA-2.0", LicenseFamily.NON_COMMERCIAL),
            entry("cc-by-nc-sa-3.0", "CC-BY-NC-SA-3.0", LicenseFamily.NON_COMMERCIAL),
            entry("cc-by-nc-sa-4.0", "CC-BY-NC-SA-4.0", LicenseFamily.NON_COMMERCIAL),
            entry("cc-by-nd-4.0", "CC-BY-ND-4.0", LicenseFamily.NO_DERIVATIVES),
            entry("cc-by-nc-nd-3.0", "CC-BY-NC-ND-3.0", LicenseFamily.NO_DERIVATIVES),
            entry("cc-by-nc-nd-4.0", "CC-BY-NC-ND-4.0", LicenseFamily.NO_DERIVATIVES));

    private SpdxLicenses() {
    }

    private static Map.Entry<String, Classified> entry(String key, String spdx, LicenseFamily family) {
        return Map.entry(key, new Classified(spdx, family));
    }

    /**
     * Classifies a published license name. Matching ignores case, surrounding whitespace and
     * a leading "license:" tag prefix; unknown names are {@link LicenseFamily#UNKNOWN}.
     */
    public static Classified classify(Optional<String> published) {
        if (published.isEmpty()) {
            return new Classified("NONE", LicenseFamily.UNKNOWN);
        }
        String key = published.get().trim().toLowerCase(Locale.ROOT);
        if (key.startsWith("license:")) {
            key = key.substring("license:".length()).trim();
        }
        Classified known = KNOWN.get(key);
        if (known != null) {
            return known;
        }
        return new Classified(published.get().trim(), LicenseFamily.UNKNOWN);
    }
}
