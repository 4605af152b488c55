package io.trustregistry.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fake-hub fixtures that resemble the three models whose reference ratings the course
 * published (see {@code docs/rating.md}): their licenses, the richness of their cards, their
 * file sizes, their linked datasets and code, and how many people maintain them, as publicly
 * known. The texts are written for these fixtures; only their shape imitates the real cards.
 */
public final class CalibrationFixtures {

    private CalibrationFixtures() {
    }

    /** Reference values: net, ramp, bus, perf, license, pi, nano, pc, aws, ds&code, ds quality, code quality. */
    public record Reference(String name, double net, double rampUp, double busFactor, double performanceClaims,
                            double license, double raspberryPi, double jetsonNano, double desktopPc, double awsServer,
                            double datasetAndCode, double datasetQuality, double codeQuality) {
    }

    public static final Reference BERT = new Reference("bert-base-uncased", 0.95, 0.90, 0.95, 0.92, 1.00, 0.20, 0.40,
            0.95, 1.00, 1.00, 0.95, 0.93);
    public static final Reference AUDIENCE = new Reference("audience_classifier_model", 0.35, 0.25, 0.33, 0.15, 0.00,
            0.75, 0.80, 1.00, 1.00, 0.00, 0.00, 0.10);
    public static final Reference WHISPER = new Reference("whisper-tiny", 0.70, 0.85, 0.90, 0.80, 1.00, 0.90, 0.95,
            1.00, 1.00, 0.00, 0.00, 0.00);

    /** All three models, BookCorpus and google-research/bert. */
    public static HubFixtures all() {
        return new HubFixtures(List.of(bert(), audience(), whisper()), List.of(bookcorpus()), List.of(bertCode()));
    }

    static String prose(String topic, int sentences) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < sentences; i++) {
            text.append("This part of the card explains ").append(topic).append(" in plain words, sentence ")
                    .append(i + 1).append(", so that a reader knows what to expect. ");
        }
        return text.toString();
    }

    static HubFixtures.Model bert() {
        String readme = """
                ---
                language: en
                license: apache-2.0
                datasets:
                - bookcorpus
                - wikipedia
                ---
                # BERT base model (uncased)

                A transformer pretrained on English text with a masked language modeling objective.
                Code: https://github.com/google-research/bert. Paper: https://arxiv.org/abs/1810.04805.

                ## Model description
                %s

                ## Intended uses & limitations
                %s

                ### How to use
                ```python
                from transformers import pipeline
                unmasker = pipeline('fill-mask', model='bert-base-uncased')
                unmasker("The capital of France is [MASK].")
                ```

                ```python
                from transformers import BertTokenizer, BertModel
                tokenizer = BertTokenizer.from_pretrained('bert-base-uncased')
                model = BertModel.from_pretrained("bert-base-uncased")
                output = model(**tokenizer("Replace me by any text you'd like.", return_tensors='pt'))
                ```

                ### Limitations and bias
                %s

                ## Training data
                Pretrained on BookCorpus and English Wikipedia (lists, tables and headers excluded).

                ## Training procedure
                %s

                ## Evaluation results
                When fine-tuned on downstream tasks, the model reaches these GLUE test results:

                | Task | MNLI-(m/mm) | QQP | QNLI | SST-2 | CoLA | STS-B | MRPC | RTE | Average |
                |:----:|:-----------:|:---:|:----:|:-----:|:----:|:-----:|:----:|:---:|:-------:|
                |      | 84.6/83.4   | 71.2 | 90.5 | 93.5 | 52.1 | 85.8  | 88.9 | 66.4 | 79.6   |

                Accuracy is reported for most tasks, F1 for QQP and MRPC.

                ### BibTeX entry and citation info
                ```bibtex
                @article{bert2018, title={Pre-training of Deep Bidirectional Transformers}, journal={arXiv}, year={2018}}
                ```
                """.formatted(prose("the architecture", 25), prose("what it is for", 15), prose("known biases", 12),
                prose("tokenization and optimisation", 20));
        Map<String, Long> files = new LinkedHashMap<>();
        files.put(".gitattributes", 491L);
        files.put("config.json", 570L);
        files.put("model.safetensors", 440_449_768L);
        files.put("pytorch_model.bin", 440_473_133L);
        files.put("tf_model.h5", 536_063_208L);
        files.put("flax_model.msgpack", 438_064_459L);
        files.put("rust_model.ot", 534_240_408L);
        files.put("onnx/model.onnx", 532_091_246L);
        files.put("tokenizer.json", 466_062L);
        files.put("vocab.txt", 231_508L);
        List<String> authors = new ArrayList<>();
        authorCommits(authors, "lysandre", 9);
        authorCommits(authors, "julien-c", 6);
        authorCommits(authors, "thomwolf", 4);
        authorCommits(authors, "sgugger", 3);
        authorCommits(authors, "patrickvonplaten", 3);
        authorCommits(authors, "ybelkada", 2);
        authorCommits(authors, "ArthurZ", 2);
        authorCommits(authors, "Narsil", 2);
        authorCommits(authors, "osanseviero", 1);
        return new HubFixtures.Model("google-bert/bert-base-uncased", readme, Optional.of("apache-2.0"),
                HubFixtures.withReadme(files, readme),
                List.of("bookcorpus", "wikipedia"), List.of(), 58_000_000, 2_300, Optional.of("fill-mask"), authors, 0);
    }

    static HubFixtures.Model audience() {
        StringBuilder template = new StringBuilder("""
                ---
                library_name: transformers
                tags: []
                ---
                # Model Card for Model ID

                <!-- Provide a quick summary of what the model is/does. -->

                This is the model card of a transformers model that has been pushed on the Hub. This model card has
                been automatically generated.
                """);
        for (String section : List.of("Model Details", "Model Description", "Model Sources", "Uses", "Direct Use",
                "Downstream Use", "Out-of-Scope Use", "Bias, Risks, and Limitations", "Recommendations",
                "How to Get Started with the Model", "Training Details", "Training Data", "Training Procedure",
                "Evaluation", "Testing Data", "Factors", "Metrics", "Results", "Environmental Impact",
                "Technical Specifications", "Citation", "Glossary", "Model Card Authors", "Model Card Contact")) {
            template.append("\n## ").append(section).append("\n\n[More Information Needed]\n");
        }
        Map<String, Long> files = new LinkedHashMap<>();
        files.put(".gitattributes", 1_519L);
        files.put("config.json", 750L);
        // a BERT-base classifier stored in float16
        files.put("model.safetensors", 218_980_352L);
        files.put("tokenizer.json", 711_396L);
        files.put("vocab.txt", 231_508L);
        return new HubFixtures.Model("parvk11/audience_classifier_model", template.toString(), Optional.empty(),
                HubFixtures.withReadme(files, template.toString()),
                List.of(), List.of("bert-base-uncased"), 14, 0, Optional.of("text-classification"),
                List.of("parvk11", "parvk11"), 0);
    }

    static HubFixtures.Model whisper() {
        String readme = """
                ---
                language: en
                license: apache-2.0
                pipeline_tag: automatic-speech-recognition
                ---
                # Whisper

                A pre-trained model for automatic speech recognition and speech translation, trained on 680k hours
                of labelled audio. Paper: https://arxiv.org/abs/2212.04356. Code: https://github.com/openai/whisper.

                ## Model details
                %s

                | Size | Parameters | English-only | Multilingual |
                |------|------------|--------------|--------------|
                | tiny | 39 M | yes | yes |
                | base | 74 M | yes | yes |
                | small | 244 M | yes | yes |

                ## Usage
                ```python
                from transformers import WhisperProcessor, WhisperForConditionalGeneration
                processor = WhisperProcessor.from_pretrained("openai/whisper-tiny")
                model = WhisperForConditionalGeneration.from_pretrained("openai/whisper-tiny")
                ```

                ## Evaluation
                The WER on LibriSpeech test-clean is computed with the snippet below.
                ```python
                from datasets import load_dataset
                from evaluate import load
                wer = load("wer")
                ```

                ## Fine-tuning
                %s

                ## Evaluated use and limitations
                %s

                ### BibTeX entry and citation info
                ```bibtex
                @misc{whisper2022, title={Robust Speech Recognition via Large-Scale Weak Supervision}, year={2022}}
                ```
                """.formatted(prose("the encoder-decoder design", 20), prose("fine-tuning", 10),
                prose("broader implications", 15));
        Map<String, Long> files = new LinkedHashMap<>();
        files.put("config.json", 1_983L);
        files.put("model.safetensors", 151_061_672L);
        files.put("pytorch_model.bin", 151_098_921L);
        files.put("tf_model.h5", 151_205_400L);
        files.put("flax_model.msgpack", 151_054_498L);
        files.put("tokenizer.json", 2_480_466L);
        List<String> authors = new ArrayList<>();
        authorCommits(authors, "ArthurZ", 7);
        authorCommits(authors, "sanchit-gandhi", 6);
        authorCommits(authors, "ybelkada", 3);
        authorCommits(authors, "patrickvonplaten", 3);
        authorCommits(authors, "lysandre", 2);
        authorCommits(authors, "Narsil", 2);
        authorCommits(authors, "valhalla", 1);
        return new HubFixtures.Model("openai/whisper-tiny", readme, Optional.of("apache-2.0"),
                HubFixtures.withReadme(files, readme), List.of(),
                List.of(), 520_000, 320, Optional.of("automatic-speech-recognition"), authors, 2);
    }

    static HubFixtures.Dataset bookcorpus() {
        String readme = """
                ---
                license: unknown
                task_categories: [text-generation, fill-mask]
                ---
                # Dataset Card for BookCorpus

                ## Dataset Description
                %s

                ## Dataset Structure
                Each example holds one sentence in a `text` field.

                ## Dataset Creation
                %s

                ## Considerations for Using the Data
                %s
                """.formatted(prose("the collection of unpublished books", 25), prose("how it was gathered", 20),
                prose("copyright and duplication concerns", 15));
        Map<String, Long> files = new LinkedHashMap<>();
        files.put("data/train-00000-of-00002.parquet", 588_000_000L);
        files.put("data/train-00001-of-00002.parquet", 587_000_000L);
        return new HubFixtures.Dataset("bookcorpus/bookcorpus", readme, Optional.empty(),
                HubFixtures.withReadme(files, readme), 1_100_000);
    }

    static HubFixtures.Repository bertCode() {
        String readme = "# BERT\n\n" + prose("pre-training and fine-tuning BERT with TensorFlow", 120)
                + "\n\n```shell\npython run_classifier.py --task_name=MRPC --do_train=true\n```\n";
        Map<String, Long> contributors = new LinkedHashMap<>();
        contributors.put("jacobdevlin-google", 60L);
        contributors.put("slavpetrov", 12L);
        contributors.put("iuliaturc-google", 6L);
        contributors.put("hsm207", 3L);
        contributors.put("MarkDaoust", 3L);
        contributors.put("zhaoyongjie", 2L);
        contributors.put("hitrust", 2L);
        contributors.put("abhishekkrthakur", 1L);
        List<String> paths = List.of("README.md", "LICENSE", "CONTRIBUTING.md", "modeling.py", "modeling_test.py",
                "optimization.py", "optimization_test.py", "tokenization.py", "tokenization_test.py",
                "run_classifier.py", "run_squad.py", "run_pretraining.py", "create_pretraining_data.py",
                "extract_features.py", "multilingual.md", "requirements.txt", "__init__.py");
        List<HubFixtures.Pull> pulls = List.of(new HubFixtures.Pull(1081, "hsm207", 40, List.of("jacobdevlin-google")),
                new HubFixtures.Pull(990, "MarkDaoust", 300, List.of()), new HubFixtures.Pull(872, "iuliaturc-google",
                        1_200, List.of("slavpetrov")), new HubFixtures.Pull(512, "zhaoyongjie", 25, List.of()));
        return new HubFixtures.Repository("google-research/bert", readme, Optional.of("Apache-2.0"), 1_400, 38_500,
                contributors, paths, pulls, "2020-03-11T10:00:00Z");
    }

    private static void authorCommits(List<String> authors, String author, int commits) {
        for (int i = 0; i < commits; i++) {
            authors.add(author);
        }
    }
}
