package io.trustregistry.json;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

import io.trustregistry.core.model.SourceReference;

/**
 * Reads the references of artifact documents written before references were typed (version
 * 0.1 stored them as plain strings: a Hub dataset id, or a URL). Only the shapes that version
 * wrote are recognised; new documents store typed references and never come here. Delete
 * this class once no such document can remain (a registry reset, or a rewrite of the catalog).
 */
final class LegacyReferences {

    private LegacyReferences() {
    }

    static Optional<SourceReference> of(String text, boolean dataset) {
        String value = text.strip();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!value.toLowerCase(Locale.ROOT).startsWith("http://") && !value.toLowerCase(Locale.ROOT)
                .startsWith("https://")) {
            return Optional.of(new SourceReference.HuggingFace(dataset, value));
        }
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        String[] parts = (uri.getPath() == null ? "" : uri.getPath()).replaceAll("^/+", "").split("/");
        if ((host.equals("github.com") || host.equals("www.github.com")) && parts.length >= 2) {
            return Optional.of(new SourceReference.GitHub(parts[0], parts[1].replaceAll("\\.git$", "")));
        }
        if ((host.equals("kaggle.com") || host.equals("www.kaggle.com")) && parts.length >= 3
                && parts[0].equals("datasets")) {
            return Optional.of(new SourceReference.Kaggle(parts[1], parts[2]));
        }
        if ((host.equals("huggingface.co") || host.equals("hf.co")) && parts.length >= 1 && !parts[0].isEmpty()) {
            boolean isDataset = parts[0].equals("datasets");
            int start = isDataset ? 1 : 0;
            if (parts.length > start) {
                String id = parts.length > start + 1 ? parts[start] + "/" + parts[start + 1] : parts[start];
                return Optional.of(new SourceReference.HuggingFace(isDataset || dataset, id));
            }
        }
        return Optional.of(new SourceReference.Web(value));
    }
}
