package io.trustregistry.core.model;

/** Where an artifact's source URL points. */
public enum SourceKind {
    /** A model repository on a Hugging Face hub. */
    HUGGING_FACE_MODEL,
    /** A dataset repository on a Hugging Face hub. */
    HUGGING_FACE_DATASET,
    /** A GitHub repository. */
    GITHUB_REPOSITORY,
    /** Any other http(s) URL, treated as a plain download. */
    WEB_DOWNLOAD
}
