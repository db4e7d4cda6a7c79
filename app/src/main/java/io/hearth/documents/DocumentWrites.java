package io.hearth.documents;

import io.hearth.documents.internal.DocumentRepository;
import io.hearth.documents.internal.DocumentRow;
import io.hearth.documents.internal.VersionRepository;
import io.hearth.documents.internal.VersionRow;
import io.hearth.identity.Caller;
import io.hearth.kit.Refusal;
import io.hearth.tenancy.TenantBound;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.UUID;
import java.util.function.IntFunction;

/**
 * The rows of a file already kept in the store, each change in one transaction of its own: {@link Documents} keeps the
 * file first, outside any transaction, so that no database connection waits while 20 MB go to a bucket.
 */
@TenantBound
@Singleton
class DocumentWrites {

    private final DocumentRepository documents;
    private final VersionRepository versions;

    DocumentWrites(DocumentRepository documents, VersionRepository versions) {
        this.documents = documents;
        this.versions = versions;
    }

    /** A new document and its first version. */
    @Transactional
    DocumentRow create(Caller caller, DocumentRow document, VersionRow first) {
        DocumentRow saved = documents.save(document);
        versions.save(first);
        return saved;
    }

    /** The next version of a document not archived, numbered under the document's row lock. */
    @Transactional
    DocumentRow addVersion(Caller caller, UUID id, IntFunction<VersionRow> version) {
        DocumentRow locked = documents.lock(id).filter(d -> d.archivedAt() == null).orElseThrow(() -> Refusal.notFound("No document with this id"));
        int next = locked.currentVersion() + 1;
        versions.save(version.apply(next));
        documents.setVersion(id, next);
        return documents.findById(id).orElseThrow();
    }
}
