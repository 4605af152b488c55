package io.trustregistry.adapter.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourceLocatorTest {

    private static SourceLocator locate(String url) {
        return SourceLocator.of(URI.create(url), Optional.of("hub.internal.example"));
    }

    @ParameterizedTest
    @CsvSource({
            "https://huggingface.co/google-bert/bert-base-uncased, false, google-bert/bert-base-uncased, main",
            "https://huggingface.co/openai/whisper-tiny/tree/main, false, openai/whisper-tiny, main",
            "https://huggingface.co/openai/whisper-tiny/tree/v2/sub/dir, false, openai/whisper-tiny, v2",
            "https://huggingface.co/bert-base-uncased, false, bert-base-uncased, main",
            "https://huggingface.co/bert-base-uncased/tree/main, false, bert-base-uncased, main",
            "https://hf.co/datasets/bookcorpus/bookcorpus, true, bookcorpus/bookcorpus, main",
            "https://huggingface.co/datasets/squad, true, squad, main",
            "https://huggingface.co/models/acme/x, false, acme/x, main",
            "https://hub.internal.example/acme/y/blob/dev/README.md, false, acme/y, dev"})
    void huggingFaceUrls(String url, boolean dataset, String repoId, String revision) {
        assertEquals(new SourceLocator.HuggingFace(dataset, repoId, revision), locate(url));
    }

    @ParameterizedTest
    @CsvSource({
            "https://github.com/google-research/bert, google-research, bert",
            "https://github.com/openai/whisper.git, openai, whisper",
            "https://www.github.com/a/b/tree/main/src, a, b"})
    void gitHubUrls(String url, String owner, String repo) {
        assertEquals(new SourceLocator.GitHub(owner, repo), locate(url));
    }

    @ParameterizedTest
    @CsvSource({"https://www.kaggle.com/datasets/x/y", "https://huggingface.co/spaces/acme/demo",
            "https://github.com/onlyowner", "https://example.com/model.bin", "https://huggingface.co/"})
    void everythingElseIsAPlainDownload(String url) {
        assertEquals(new SourceLocator.Web(URI.create(url)), locate(url));
    }
}
