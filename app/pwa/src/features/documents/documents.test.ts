import { describe, expect, it } from 'vitest';
import { fileSafe, MAX_BYTES } from './api/documents';
import { fileProblem, sizeOf, standing, typeOf, waitingFirst } from './documents';
import { aDocument } from './fixtures';

describe('where he stands with a document', () => {
  it('asks him to acknowledge a waiver or guidelines he has not, and again after a new version', () => {
    expect(standing(aDocument())).toBe('toAccept');
    expect(standing(aDocument({ kind: 'GUIDELINE', version: 2, acknowledgedVersion: 1 }))).toBe('toAcceptAgain');
    expect(standing(aDocument({ version: 2, acknowledgedVersion: 2, acknowledged: true }))).toBe('accepted');
  });

  it('asks nothing of a document to read', () => {
    expect(standing(aDocument({ kind: 'DOCUMENT' }))).toBeNull();
  });

  it('puts what waits for him first, keeping the server\'s order otherwise', () => {
    const handbook = aDocument({ id: 'h', kind: 'DOCUMENT' });
    const done = aDocument({ id: 'w1', acknowledged: true, acknowledgedVersion: 1 });
    const waiting = aDocument({ id: 'w2' });
    const again = aDocument({ id: 'g', kind: 'GUIDELINE', version: 3, acknowledgedVersion: 2 });

    expect(waitingFirst([handbook, done, waiting, again]).map((d) => d.id)).toEqual(['w2', 'g', 'h', 'w1']);
  });
});

describe('a file in words', () => {
  it('names its type by what the server checked it to be, Markdown by its name', () => {
    expect(typeOf({ contentType: 'application/pdf', fileName: 'x.pdf' })).toBe('PDF');
    expect(typeOf({ contentType: 'image/jpeg', fileName: 'x.jpg' })).toBe('JPEG');
    expect(typeOf({ contentType: 'text/plain', fileName: 'agreements.md' })).toBe('Markdown');
    expect(typeOf({ contentType: 'text/plain', fileName: 'waiver.txt' })).toBe('Text');
  });

  it('says its size in bytes, KB or MB of 1024, as the 20 MB limit is counted', () => {
    expect(sizeOf(850)).toBe('850 bytes');
    expect(sizeOf(1023)).toBe('1,023 bytes');
    expect(sizeOf(123_290)).toBe('120 KB');
    expect(sizeOf(1024 * 1024)).toBe('1 MB');
    expect(sizeOf(2_411_725)).toBe('2.3 MB');
    expect(sizeOf(MAX_BYTES)).toBe('20 MB');
  });

  it('makes a title part of a file name', () => {
    expect(fileSafe('Café: rules & "agreements" 2027')).toBe('cafe-rules-agreements-2027');
    expect(fileSafe('***')).toBe('document');
  });
});

describe('a file picked in the browser', () => {
  it('is refused before it is sent when over 20 MB (the server would refuse it), empty, or of a type not taken', () => {
    expect(fileProblem({ name: 'big.pdf', size: MAX_BYTES + 1 })).toBe('tooLarge');
    expect(fileProblem({ name: 'empty.txt', size: 0 })).toBe('empty');
    expect(fileProblem({ name: 'setup.exe', size: 10 })).toBe('type');
    expect(fileProblem({ name: 'no-extension', size: 10 })).toBe('type');
  });

  it('goes when it is a PDF, PNG, JPEG or text of at most 20 MB, whatever the case of its name', () => {
    for (const name of ['a.pdf', 'a.PNG', 'a.jpg', 'a.jpeg', 'a.txt', 'a.md']) {
      expect(fileProblem({ name, size: MAX_BYTES })).toBeNull();
    }
  });
});
