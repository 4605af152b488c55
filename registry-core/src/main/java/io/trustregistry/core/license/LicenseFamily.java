package io.trustregistry.core.license;

/** How a license constrains reuse, coarsely. */
public enum LicenseFamily {
    /** MIT, BSD, Apache-2.0, ISC, CC0, CC-BY...: reuse with attribution. */
    PERMISSIVE,
    /** LGPL, MPL, EPL: file- or library-level copyleft. */
    WEAK_COPYLEFT,
    /** GPL-2.0-only: copyleft incompatible with Apache-2.0's patent terms. */
    STRONG_COPYLEFT_V2,
    /** GPL-3.0, AGPL-3.0 (and GPL-2.0-or-later): copyleft that admits Apache-2.0 code. */
    STRONG_COPYLEFT_V3,
    /** CC-BY-SA and similar share-alike content licenses. */
    SHARE_ALIKE,
    /** OpenRAIL, Llama, Gemma and other use-restricted model licenses. */
    USE_RESTRICTED,
    /** Non-commercial terms (CC-BY-NC and similar). */
    NON_COMMERCIAL,
    /** No-derivatives terms: fine-tuning is not allowed. */
    NO_DERIVATIVES,
    /** No license, {@code other}, or a name we cannot classify. */
    UNKNOWN
}
