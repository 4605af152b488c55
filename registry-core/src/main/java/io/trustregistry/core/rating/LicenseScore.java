package io.trustregistry.core.rating;

import io.trustregistry.core.model.MetricId;
import io.trustregistry.core.license.SpdxLicenses;

/**
 * Clarity and permissiveness of the model's license, read against LGPL-2.1: permissive and
 * weak-copyleft licenses (LGPL-2.1 itself) 1.0; GPL, compatible but imposing copyleft, 0.7;
 * share-alike 0.5; use-restricted (OpenRAIL, Llama, Gemma) 0.4; non-commercial 0.2;
 * no-derivatives, none or unrecognised 0.0.
 */
public final class LicenseScore implements Metric {

    @Override
    public MetricId id() {
        return MetricId.LICENSE;
    }

    @Override
    public double score(RatingInputs inputs) {
        return switch (SpdxLicenses.classify(inputs.model().evidence().license()).family()) {
            case PERMISSIVE, WEAK_COPYLEFT -> 1.0;
            case STRONG_COPYLEFT_V2, STRONG_COPYLEFT_V3 -> 0.7;
            case SHARE_ALIKE -> 0.5;
            case USE_RESTRICTED -> 0.4;
            case NON_COMMERCIAL -> 0.2;
            case NO_DERIVATIVES, UNKNOWN -> 0.0;
        };
    }
}
