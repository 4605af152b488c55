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
    WEB_DOWNLOAD,
    /**
     * A dataset on Kaggle ({@code https://www.kaggle.com/datasets/{owner}/{slug}}), read through
     * Kaggle's public API v1; its hub id is {@code owner/slug}.
     */
    KAGGLE_DATASET
}
