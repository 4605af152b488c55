package io.trustregistry.app.http;

import io.helidon.webserver.http.ServerRequest;

import io.trustregistry.core.error.InvalidRequestException;
import io.trustregistry.core.model.ArtifactId;
import io.trustregistry.core.model.TransactionId;
import io.trustregistry.core.model.ArtifactType;

/** Reads and validates path parameters: a malformed one is a 400 before anything else happens. */
final class PathParameters {

    private PathParameters() {
    }

    static ArtifactType type(ServerRequest request) {
        String text = request.path().pathParameters().get("type");
        return ArtifactType.fromWireName(text).orElseThrow(() -> new InvalidRequestException(
                "artifact type must be one of model, dataset, code; not '" + abbreviate(text) + "'"));
    }

    static ArtifactId id(ServerRequest request) {
        String text = request.path().pathParameters().get("id");
        if (!ArtifactId.isWellFormed(text)) {
            throw new InvalidRequestException("artifact id must match ^[a-zA-Z0-9-]+$ (at most "
                    + ArtifactId.MAX_LENGTH + " characters); got '" + abbreviate(text) + "'");
        }
        return new ArtifactId(text);
    }

    static TransactionId transactionId(ServerRequest request) {
        String text = request.path().pathParameters().get("id");
        if (!TransactionId.isWellFormed(text)) {
            throw new InvalidRequestException("transaction id must match ^[a-zA-Z0-9-]+$ (at most "
                    + ArtifactId.MAX_LENGTH + " characters); got '" + abbreviate(text) + "'");
        }
        return new TransactionId(text);
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 80 ? clean.substring(0, 80) + "..." : clean;
    }
}
