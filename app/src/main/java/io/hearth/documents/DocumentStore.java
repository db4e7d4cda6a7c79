package io.hearth.documents;

import java.util.Optional;

/**
 * Where documents' files are kept, outside the database: a local directory ({@code hearth.documents.store: local},
 * the local run and tests) or an S3-compatible bucket ({@code s3}). Keys are made by the documents feature and begin
 * with the organisation's id.
 */
public interface DocumentStore {

    void put(String key, byte[] bytes, String contentType);

    Optional<byte[]> get(String key);

    void delete(String key);
}
