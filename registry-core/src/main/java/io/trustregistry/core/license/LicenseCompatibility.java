package io.trustregistry.core.license;

/**
 * Whether code under one license may be combined with a model under another for fine-tuning
 * and inference. The rules (documented in {@code docs/licensing.md}):
 * <ul>
 *   <li>An unknown license on either side is not compatible: rights cannot be established.</li>
 *   <li>A no-derivatives model cannot be fine-tuned.</li>
 *   <li>GPL code demands that the combined work carry no further restrictions, so it does not
 *       combine with use-restricted, non-commercial or share-alike models; GPL-2.0-only also
 *       does not combine with Apache-2.0 (the FSF's reading of the patent clause).</li>
 *   <li>Permissive and weak-copyleft (LGPL-2.1 and similar) code combines with every model
 *       license that allows derivatives; the model's own terms then govern the result.</li>
 *   <li>Share-alike, non-commercial and use-restricted code combines with permissive,
 *       weak-copyleft and equally restricted models, not with GPL ones.</li>
 * </ul>
 */
public final class LicenseCompatibility {

    private LicenseCompatibility() {
    }

    /** The verdict for code under {@code code} used with a model under {@code model}. */
    public static boolean compatible(SpdxLicenses.Classified code, SpdxLicenses.Classified model) {
        LicenseFamily c = code.family();
        LicenseFamily m = model.family();
        if (c == LicenseFamily.UNKNOWN || m == LicenseFamily.UNKNOWN) {
            return false;
        }
        if (m == LicenseFamily.NO_DERIVATIVES || c == LicenseFamily.NO_DERIVATIVES) {
            return false;
        }
        return switch (c) {
            case PERMISSIVE, WEAK_COPYLEFT -> !(m == LicenseFamily.STRONG_COPYLEFT_V2 && isApache(code));
            case STRONG_COPYLEFT_V2 -> switch (m) {
                case PERMISSIVE -> !isApache(model);
                case WEAK_COPYLEFT, STRONG_COPYLEFT_V2 -> true;
                default -> false;
            };
            case STRONG_COPYLEFT_V3 -> switch (m) {
                case PERMISSIVE, WEAK_COPYLEFT, STRONG_COPYLEFT_V3 -> true;
                default -> false;
            };
            case SHARE_ALIKE, NON_COMMERCIAL, USE_RESTRICTED -> switch (m) {
                case STRONG_COPYLEFT_V2, STRONG_COPYLEFT_V3 -> false;
                default -> true;
            };
            default -> false;
        };
    }

    /**
     * Whether a license may be combined with LGPL-2.1 code, the course's yardstick for the
     * {@code license} metric: permissive and weak-copyleft licenses and the GPL family are;
     * no-derivatives and unknown licenses are not; use-restricted, non-commercial and
     * share-alike terms add restrictions LGPL-2.1 forbids for distributed combinations.
     */
    public static boolean compatibleWithLgpl21(SpdxLicenses.Classified license) {
        return switch (license.family()) {
            case PERMISSIVE, WEAK_COPYLEFT, STRONG_COPYLEFT_V2, STRONG_COPYLEFT_V3 -> true;
            default -> false;
        };
    }

    private static boolean isApache(SpdxLicenses.Classified license) {
        return license.spdxId().startsWith("Apache");
    }
}
