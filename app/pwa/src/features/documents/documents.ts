import { locale, t } from '../../i18n/t';
import { ACCEPTED, MAX_BYTES } from './api/documents';
import type { Document, DocumentKind } from './api/types';

// What the screens say about a document, as pure functions of it: whether he must acknowledge it, its file in words,
// and whether a file picked in the browser can be sent at all.

/** Waivers and guidelines are acknowledged, in their current version; a document is only read. */
export const isAcknowledged = (kind: DocumentKind) => kind !== 'DOCUMENT';

/**
 * Where he stands with a waiver or guidelines: accepted (the current version), to accept, or accepted before and to
 * accept again (a new version came); null for a document to read.
 */
export type Standing = 'accepted' | 'toAccept' | 'toAcceptAgain' | null;

export function standing(document: Document): Standing {
  if (!isAcknowledged(document.kind)) {
    return null;
  }
  if (document.acknowledged) {
    return 'accepted';
  }
  return document.acknowledgedVersion ? 'toAcceptAgain' : 'toAccept';
}

/** What is waiting for him first (in the server's order: newest first), then the rest. */
export const waitingFirst = (documents: readonly Document[]): Document[] => {
  const waiting = (d: Document) => (standing(d) === 'toAccept' || standing(d) === 'toAcceptAgain' ? 0 : 1);
  return [...documents].sort((a, b) => waiting(a) - waiting(b));
};

const TYPES: Record<string, string> = { 'application/pdf': 'PDF', 'image/png': 'PNG', 'image/jpeg': 'JPEG' };

/** The file's type in a word: PDF, PNG, JPEG, Markdown or Text. */
export function typeOf(document: Pick<Document, 'contentType' | 'fileName'>): string {
  if (TYPES[document.contentType]) {
    return TYPES[document.contentType];
  }
  return /\.md$/i.test(document.fileName) ? t('documents.type.markdown') : t('documents.type.text');
}

const KB = 1024;
const MB = 1024 * 1024;

/** A size as people read it: bytes, KB or MB (of 1024, as the 20 MB limit is counted and as most computers show a file's size). */
export function sizeOf(bytes: number): string {
  const number = (n: number, digits: number) => new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(n);
  if (bytes < KB) {
    return t('documents.size.bytes', { n: number(bytes, 0) });
  }
  if (bytes < MB) {
    return t('documents.size.kb', { n: number(bytes / KB, 0) });
  }
  return t('documents.size.mb', { n: number(bytes / MB, 1) });
}

/** The file in a line: "PDF · 120 KB". */
export const fileLine = (document: Document) => typeOf(document) + ' · ' + sizeOf(document.sizeBytes);

/** Can be shown on the page as it is: text and pictures (a PDF is opened or downloaded). */
export const showable = (contentType: string) => contentType.startsWith('text/') || contentType.startsWith('image/');

const EXTENSIONS = ACCEPTED.split(',').map((extension) => extension.slice(1));

/** Why a picked file cannot be sent, checked before it is: too large (the server would refuse it unread), empty, or of a type not taken. */
export type FileProblem = 'tooLarge' | 'empty' | 'type' | null;

export function fileProblem(file: Pick<File, 'name' | 'size'>): FileProblem {
  if (file.size > MAX_BYTES) {
    return 'tooLarge';
  }
  if (file.size === 0) {
    return 'empty';
  }
  const dot = file.name.lastIndexOf('.');
  return dot >= 0 && EXTENSIONS.includes(file.name.slice(dot + 1).toLowerCase()) ? null : 'type';
}
