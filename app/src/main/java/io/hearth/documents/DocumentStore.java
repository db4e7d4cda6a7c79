package io.hearth.documents;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where documents' files are kept, outside the database: a local directory ({@code hearth.documents.store: local},
 * the local run and tests) or an S3-compatible bucket ({@code s3}). Keys are made by the documents feature and begin
 * with the organisation's id. Files go in and come out as streams: a file of 20 MB is never held in memory whole.
 */
public interface DocumentStore {

    /** Keeps a copy of {@code file} under {@code key}; {@code sha256} is the file's SHA-256 in hex (the bucket checks it). */
    void put(String key, Path file, String sha256, String contentType);

    /** The file under {@code key} as a stream the caller closes, or empty when there is none. */
    Optional<Stored> open(String key);

    void delete(String key);

    /** A kept file being read: its length in bytes and its content. */
    record Stored(long length, InputStream content) {
    }
}
