import { ApiError } from '../../api/problem';
import type { PreviewMan, PreviewRequest, Role, RoleMapping, SsoRequest, SsoSettings } from './api/types';

// What the single sign-on screen shows and sends, worked out from what the server answered: no React, no requests.

export const ROLES: Role[] = ['MEMBER', 'FACILITATOR', 'PTM', 'ADMIN', 'LEADERSHIP', 'SUPPORT', 'CARE'];

/** A mapping as the form holds it, with a key that survives removing the ones before it. */
export interface MappingDraft extends RoleMapping {
  key: number;
}

/** The form: every field as typed; the secret empty until he types a new one. */
export interface Draft {
  enabled: boolean;
  issuer: string;
  clientId: string;
  clientSecret: string;
  domains: string;
  groupsClaim: string;
  mappings: MappingDraft[];
  breakGlassAdminId: string;
}

let next = 0;
export const mappingDraft = (mapping: RoleMapping = { group: '', role: 'MEMBER' }): MappingDraft => ({ key: next++, ...mapping });

export const draftOf = (settings: SsoSettings): Draft => ({
  enabled: settings.enabled,
  issuer: settings.issuer ?? '',
  clientId: settings.clientId ?? '',
  clientSecret: '',
  domains: settings.domains.join('\n'),
  groupsClaim: settings.groupsClaim,
  mappings: settings.roleMappings.map(mappingDraft),
  breakGlassAdminId: settings.breakGlassAdminId ?? '',
});

/** The domains as typed: one per line (commas and spaces part them too), nothing empty. */
export const domainsOf = (text: string): string[] => text.split(/[\s,;]+/).filter(Boolean);

const mappingsOf = (draft: Draft): RoleMapping[] => draft.mappings.map(({ group, role }) => ({ group: group.trim(), role }));

/** The PUT body: empty fields are null; the secret only when he typed one, so that the stored one stays otherwise. */
export function requestOf(draft: Draft): SsoRequest {
  return {
    enabled: draft.enabled,
    issuer: draft.issuer.trim() || null,
    clientId: draft.clientId.trim() || null,
    ...(draft.clientSecret ? { clientSecret: draft.clientSecret } : {}),
    domains: domainsOf(draft.domains),
    groupsClaim: draft.groupsClaim.trim(),
    roleMappings: mappingsOf(draft),
    breakGlassAdminId: draft.breakGlassAdminId || null,
  };
}

export const previewOf = (draft: Draft): PreviewRequest => ({ groupsClaim: draft.groupsClaim.trim(), roleMappings: mappingsOf(draft) });

/**
 * The server's messages for a list field and its items (`domains`, `domains[2]`), each item's named by its value: a 422
 * says which domain is not a domain name, the field shows it.
 */
export function listMessages(error: unknown, field: string, items: readonly string[]): string | undefined {
  if (!(error instanceof ApiError)) {
    return undefined;
  }
  const pattern = new RegExp('(^|\\.)' + field + '(\\[(\\d+)\\])?$');
  const messages = (error.problem.errors ?? []).flatMap((error) => {
    const found = pattern.exec(error.field);
    if (!found) {
      return [];
    }
    const item = found[3] === undefined ? undefined : items[Number(found[3])];
    return [item ? item + ': ' + error.message : error.message];
  });
  return messages.length ? messages.join(' · ') : undefined;
}

export const changes = (man: PreviewMan): boolean => man.gains.length > 0 || man.loses.length > 0;

/** The men of a preview, those whose roles would change first (in the server's order otherwise). */
export const changedFirst = (men: readonly PreviewMan[]): PreviewMan[] => [...men.filter(changes), ...men.filter((man) => !changes(man))];
