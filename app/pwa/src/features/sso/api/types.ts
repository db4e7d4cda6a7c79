import type { components } from '../../../api/schema';

type Schemas = components['schemas'];

/** The schema types of single sign-on, each named once here: the rest of the feature imports these names. */
export type SsoSettings = Schemas['SsoSettings'];
export type SsoRequest = Schemas['SsoRequest'];
/** A group of the provider's groups claim, and the role a man in it holds here. */
export type RoleMapping = Schemas['SsoRoleMapping'];
/** What the saved issuer's discovery document says, when it is usable. */
export type ProviderCheck = Schemas['SsoTested'];
export type PreviewRequest = Schemas['SsoPreviewRequest'];
export type Preview = Schemas['SsoPreview'];
/** A man who has signed in through the provider: his groups then, and what mappings would change at his next sign-in. */
export type PreviewMan = Schemas['SsoPreviewMan'];
export type Role = Schemas['Role'];
/** A man as the members directory lists him: the break-glass admin is one of the organisation's active admins. */
export type Person = Schemas['PersonView'];
