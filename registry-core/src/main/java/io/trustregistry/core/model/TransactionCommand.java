package io.trustregistry.core.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One command appended to a transaction. Each needs the permission the same request alone
 * would: {@code upload} to register, update or delete; {@code download} to download.
 */
public sealed interface TransactionCommand {

    /** The command's name on the wire ({@code register}, {@code update}, {@code delete}, {@code download}). */
    String action();

    /** The type of artifact it concerns. */
    ArtifactType type();

    /** The permission the caller needs for it. */
    Permission permission();

    /** Register the artifact at {@code url}, as {@code POST /artifact/{type}} does. */
    record Register(ArtifactType type, String url, Optional<String> name) implements TransactionCommand {
        public Register {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String action() {
            return "register";
        }

        @Override
        public Permission permission() {
            return Permission.UPLOAD;
        }
    }

    /** Re-ingest artifact {@code id} from {@code url}, keeping its name, as {@code PUT /artifacts/{type}/{id}} does. */
    record Update(ArtifactType type, ArtifactId id, String url) implements TransactionCommand {
        public Update {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(url, "url");
        }

        @Override
        public String action() {
            return "update";
        }

        @Override
        public Permission permission() {
            return Permission.UPLOAD;
        }
    }

    /** Delete artifact {@code id}. */
    record Delete(ArtifactType type, ArtifactId id) implements TransactionCommand {
        public Delete {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(id, "id");
        }

        @Override
        public String action() {
            return "delete";
        }

        @Override
        public Permission permission() {
            return Permission.UPLOAD;
        }
    }

    /** Include artifact {@code id} (all its files) in the transaction's group download. */
    record Download(ArtifactType type, ArtifactId id) implements TransactionCommand {
        public Download {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(id, "id");
        }

        @Override
        public String action() {
            return "download";
        }

        @Override
        public Permission permission() {
            return Permission.DOWNLOAD;
        }
    }
}
