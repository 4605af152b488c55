package io.trustregistry.adapter.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.trustregistry.core.error.UpstreamException;
import io.trustregistry.core.model.SourceReference;

/** Source URLs and the dataset names cards give, as the core's typed references. */
class ReferencesTest {

    // nothing listens on port 9: identify() reads the URL only
    private final HttpUpstreamHub hub = new HttpUpstreamHub(HubSettings.defaults().pointedAt("http://127.0.0.1:9"));

    @Test
    void everyHubsUrlIdentifiesItsRepository() {
        assertEquals(new SourceReference.HuggingFace(false, "acme/tiny-model"),
                hub.identify(URI.create("https://huggingface.co/acme/tiny-model/tree/main")));
        assertEquals(new SourceReference.HuggingFace(true, "acme/tiny-data"),
                hub.identify(URI.create("https://hf.co/datasets/acme/tiny-data")));
        assertEquals(new SourceReference.GitHub("acme", "tiny-code"),
                hub.identify(URI.create("https://github.com/acme/tiny-code.git")));
        assertEquals(new SourceReference.Kaggle("acme", "world-weather"),
                hub.identify(URI.create("https://www.kaggle.com/datasets/acme/world-weather/data")));
        assertEquals(new SourceReference.Web("https://example.org/weights.bin"),
                hub.identify(URI.create("https://example.org/weights.bin")));
    }

    @Test
    void aSpaceIsRefusedSayingWhatToRegisterInstead() {
        UpstreamException.Unsupported e = assertThrows(UpstreamException.Unsupported.class,
                () -> hub.identify(URI.create("https://huggingface.co/spaces/acme/demo")));
        assertEquals("a Hugging Face Space is an application, not a model or dataset; register the model or dataset"
                + " it uses", e.getMessage());
    }

    @Test
    void aCardsDatasetIsAHubIdOrAUrlOfAnyHub() {
        assertEquals(Optional.of(new SourceReference.HuggingFace(true, "bookcorpus")),
                References.dataset(" bookcorpus ", Optional.empty()));
        assertEquals(Optional.of(new SourceReference.HuggingFace(true, "acme/data")),
                References.dataset("acme/data", Optional.empty()));
        assertEquals(Optional.of(new SourceReference.Kaggle("acme", "rain")),
                References.dataset("HTTPS://www.kaggle.com/datasets/acme/rain", Optional.empty()));
        assertEquals(Optional.of(new SourceReference.HuggingFace(true, "acme/mirrored")),
                References.dataset("http://hub.internal:8080/datasets/acme/mirrored", Optional.of("hub.internal:8080")));
    }

    /** Free text in a card's {@code datasets:} list names nothing: no reference, and no failure either. */
    @ParameterizedTest
    @ValueSource(strings = {"https://exa mple.org/data", "http://[broken/", "https://huggingface.co/spaces/acme/demo",
            "https://huggingface.co/", "my own crawl of the web", "../../etc/passwd", ""})
    void textThatNamesNoDatasetIsNoReference(String text) {
        assertEquals(Optional.empty(), References.dataset(text, Optional.empty()));
    }
}
