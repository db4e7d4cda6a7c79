package io.hearth.tenancy;

import java.nio.file.Path;

/**
 * Where organisations' backups are kept, apart from the clusters they were taken from. The local-disk store is the
 * one built; an S3-compatible one is the same three calls.
 */
public interface BackupStore {

    /** Keeps the file (it is moved, not copied) under the key; returns its location, to name it later. */
    String put(String key, Path file);

    /** A copy of what the location holds in a temporary file, for the caller to read and delete. */
    Path fetch(String location);

    /** Deletes what the location holds (nothing when it holds nothing). */
    void delete(String location);

    /** The location's size in bytes. */
    long size(String location);
}
