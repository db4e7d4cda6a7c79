import { queryOptions, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, download, must, send, upload, type Progress } from '../../../api/client';
import { useRequest, useUpload, type After } from '../../../api/mutation';
import { ApiError } from '../../../api/problem';
import type { paths } from '../../../api/schema';
import { documentKeys } from './keys';
import type { Document, DocumentAudience, DocumentKind } from './types';

// Documents: the lists (his, a circle's, an event's), one document and its file, sharing one, a new version,
// acknowledging a waiver or guidelines, the acknowledgements' log, archiving.

/** Whose documents a list holds: his (the organisation's, his circles' and his events'), or one circle's, or one event's. */
export interface Of {
  circleId?: string;
  eventId?: string;
}

export const getDocuments = (of: Of = {}) => must(api.GET('/api/v1/documents', { params: { query: { circleId: of.circleId, eventId: of.eventId } } }));

/** The documents he may read (or a circle's, an event's), newest first: few, so in one answer. */
export const documentsQuery = (of: Of = {}) => queryOptions({ queryKey: documentKeys.list(of), queryFn: () => getDocuments(of) });

export const useDocuments = (of: Of = {}) => useQuery(documentsQuery(of));

export const getDocument = (id: string) => must(api.GET('/api/v1/documents/{id}', { params: { path: { id } } }));

/** One document at its current version, with whether he acknowledged it and, for who manages it, how many did. */
export const documentQuery = (id: string) => queryOptions({ queryKey: documentKeys.detail(id), queryFn: () => getDocument(id) });

/** The document as the server answered it after a change: in its place, and every list read again. */
const changed = (queries: QueryClient, document: Document) => {
  queries.setQueryData(documentKeys.detail(document.id), document);
  void queries.invalidateQueries({ queryKey: documentKeys.lists() });
};

/** The largest file taken: the server's own limit for a document, 20 MB of 1024 × 1024 bytes. */
export const MAX_BYTES = 20 * 1024 * 1024;

/** The file names taken, as the picker offers them; the server checks the bytes. */
export const ACCEPTED = '.pdf,.png,.jpg,.jpeg,.txt,.md';

/** A multipart body, sent as it is; what is undefined is left out. */
function multipart(fields: Record<string, string | Blob | undefined>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined) {
      form.append(name, value);
    }
  }
  return form;
}

/** What a new document is sent as, with the Idempotency-Key made when the form opened. */
export interface Sharing {
  key: string;
  kind: DocumentKind;
  title: string;
  audience: DocumentAudience;
  circleId?: string;
  eventId?: string;
  file: File;
}

// A file goes up to 20 MB: the two requests that carry one go through upload, which says how far it is, not openapi-fetch.
// Their answers are still typed from the contract, so that a changed contract fails tsc here too.
type Posted<P extends '/api/v1/documents' | '/api/v1/documents/{id}/versions'> = paths[P]['post']['responses'][200]['content']['application/json'];

/** Shares a document; a second submit under the same key answers the document shared the first time. */
export const shareDocument = (s: Sharing, onProgress?: Progress) =>
  upload<Posted<'/api/v1/documents'>>('/api/v1/documents',
    multipart({ kind: s.kind, title: s.title, audience: s.audience, circleId: s.circleId, eventId: s.eventId, file: s.file }),
    { 'Idempotency-Key': s.key }, onProgress);

/** Sharing a document, with how far its file has gone up (`progress`) while it is sent. */
export const useShareDocument = (after?: After<Document, Sharing>) => useUpload(shareDocument, changed, after);

export const addVersion = (id: string, file: File, onProgress?: Progress) =>
  upload<Posted<'/api/v1/documents/{id}/versions'>>(`/api/v1/documents/${encodeURIComponent(id)}/versions`, multipart({ file }), {}, onProgress);

/** A new version of the file: a waiver or guidelines must then be acknowledged again by everyone. `progress` as sharing's. */
export const useAddVersion = (id: string, after?: After<Document, File>) =>
  useUpload((file: File, onProgress: Progress) => addVersion(id, file, onProgress), changed, after);

/** The version he read and accepts. */
export interface Acknowledging {
  id: string;
  version: number;
}

export const acknowledge = (a: Acknowledging) =>
  must(api.POST('/api/v1/documents/{id}/acknowledgements', { params: { path: { id: a.id } }, body: { version: a.version } }));

/** Whether a refusal says a new version came while he read: the one he accepted is no longer the current one. */
export const isStale = (error: unknown) => error instanceof ApiError && error.code === 'DOCUMENT_VERSION_STALE';

/** He accepts the version he read; when a new one came meanwhile (409), the document is read again, to show it. */
export function useAcknowledge(after?: After<Document, Acknowledging>) {
  const queries = useQueryClient();
  const request = (a: Acknowledging) =>
    acknowledge(a).catch((error: unknown) => {
      if (isStale(error)) {
        void queries.invalidateQueries({ queryKey: documentKeys.detail(a.id) });
        void queries.invalidateQueries({ queryKey: documentKeys.lists() });
      }
      throw error;
    });
  return useRequest(request, changed, after);
}

export const archiveDocument = (id: string) => must(api.DELETE('/api/v1/documents/{id}', { params: { path: { id } } }));

/** Archives it: no one sees it any more (its log is kept). The lists are read again. */
export const useArchiveDocument = (after?: After<unknown, string>) =>
  useRequest(archiveDocument, (queries) => void queries.invalidateQueries({ queryKey: documentKeys.lists() }), after);

const filePath = (id: string, version: number) => `/api/v1/documents/${encodeURIComponent(id)}/file?version=${version}`;

/** A version's file, fetched with his token (the API needs it: a plain link would not carry it). */
export const getFile = (id: string, version: number) => send(filePath(id, version)).then((response) => response.blob());

/** A file as the page shows it: its bytes, and its words when it is text. */
export interface FileRead {
  blob: Blob;
  text: string | null;
}

/** A version's file for showing on the page (text and pictures); a version never changes, so it is read once. */
export const fileQuery = (id: string, version: number, contentType: string) =>
  queryOptions({
    queryKey: documentKeys.file(id, version),
    queryFn: async (): Promise<FileRead> => {
      const blob = await getFile(id, version);
      return { blob, text: contentType.startsWith('text/') ? await blob.text() : null };
    },
    staleTime: Infinity,
  });

/** Saves the current version's file under its own name. */
export const downloadFile = (document: Document) => download(filePath(document.id, document.version), document.fileName);

export const useDownloadFile = () => useRequest(downloadFile, null);

/**
 * Opens the current version's file in a tab opened by the tap itself (a tab opened after the download would be taken
 * for a pop-up); the tab is closed again when the file cannot be read.
 */
export async function openFile(document: Document, tab: Window | null): Promise<void> {
  try {
    const url = URL.createObjectURL(await getFile(document.id, document.version));
    if (tab) {
      tab.location.href = url;
    } else {
      window.location.assign(url);
    }
    // The tab has loaded it by then; the address is let go.
    window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (error) {
    tab?.close();
    throw error;
  }
}

export const useOpenFile = () => useRequest((v: { document: Document; tab: Window | null }) => openFile(v.document, v.tab), null);

/** The acknowledgements' log as CSV, for who manages the document. */
export const downloadLog = (document: Document) =>
  download(`/api/v1/documents/${encodeURIComponent(document.id)}/acknowledgements.csv`, `acknowledgements-${fileSafe(document.title)}.csv`);

export const useDownloadLog = () => useRequest(downloadLog, null);

/** A title as part of a file name: letters and digits, the rest dashes. */
export const fileSafe = (title: string) =>
  title.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').toLowerCase().slice(0, 60) || 'document';
