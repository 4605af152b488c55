package io.trustregistry.core.model;

import java.util.Objects;

/**
 * A model this model declares it derives from, as found in structured metadata.
 *
 * @param hubId  the parent's hub identifier ({@code owner/name} or a legacy bare name)
 * @param origin where it was found: {@code card_data}, {@code tags} or {@code config_json}
 * @param relationship how it derives: {@code base_model}, {@code finetune}, {@code adapter},
 *                     {@code quantized}, {@code merge}
 */
public record ParentReference(String hubId, String origin, String relationship) {
    public ParentReference {
        Objects.requireNonNull(hubId, "hubId");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(relationship, "relationship");
    }
}
